package dev.mayfly.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.kafka.signed.Refusal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Refused feed records in the operator's trail: one summary per topic and minute, by reason. */
class FeedRefusalTrailTest {

    private static final Instant MINUTE = Instant.parse("2026-12-06T10:00:00Z");
    private final RecordingRecorder recorder = new RecordingRecorder();

    @Test
    void refusedWhenManyRecordsOfTwoTopicsThenOneOperatorRecordPerTopicCountedByReason() {
        try (FeedRefusalTrail trail = new FeedRefusalTrail("test.mayfly", recorder, Clock.fixed(MINUTE.plusSeconds(30), ZoneOffset.UTC))) {
            for (int i = 0; i < 1000; i++) {
                trail.refused("mayfly.revocations", Refusal.UNSIGNED);
            }
            trail.refused("mayfly.revocations", Refusal.REPLAYED);
            trail.refused("mayfly.events", Refusal.FORGED);
            assertThat(recorder.records).as("not before the minute ends or the service stops").isEmpty();
        }

        assertThat(recorder.records).hasSize(2).allSatisfy(record -> {
            assertThat(record.eventName()).isEqualTo(FeedRefusalTrail.SUMMARY);
            assertThat(record.errorCode()).as("no call was refused; the reasons are in errorCodes").isNull();
            assertThat(record.eventSource()).isEqualTo("test.mayfly");
            assertThat(record.recipientAccountId()).as("the operator's trail").isNull();
            assertThat(record.eventTime()).isEqualTo(MINUTE);
        });
        ApiCallRecorded revocations = recorder.records.stream()
                .filter(record -> record.additionalEventData().get("eventNames").equals(Map.of("mayfly.revocations", 1001L)))
                .findFirst().orElseThrow();
        assertThat(revocations.additionalEventData()).containsEntry("summarizedCalls", 1001L)
                .containsEntry("errorCodes", Map.of("UNSIGNED", 1000L, "REPLAYED", 1L));
        assertThat(revocations.errorMessage()).contains("1001 records of mayfly.revocations were refused");
    }
}
