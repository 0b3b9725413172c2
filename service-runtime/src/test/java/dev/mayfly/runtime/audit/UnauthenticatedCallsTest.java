package dev.mayfly.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.runtime.audit.UnauthenticatedCalls.Limits;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The per-source limit of calls no principal stands behind, and their summaries. */
class UnauthenticatedCallsTest {

    private static final Instant MINUTE = Instant.parse("2026-12-06T10:00:00Z");
    private final RecordingRecorder recorder = new RecordingRecorder();

    private UnauthenticatedCalls calls(Instant now) {
        return new UnauthenticatedCalls(new Limits(1, 3), "test.mayfly", recorder, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void admitWhenASourceHasHadItsBurstThenRefusedWhileOthersAreStillAdmitted() {
        try (UnauthenticatedCalls calls = calls(MINUTE)) {
            assertThat(IntStream.range(0, 3).allMatch(i -> calls.admit("192.0.2.1"))).isTrue();

            assertThat(calls.admit("192.0.2.1")).isFalse();
            assertThat(calls.admit("192.0.2.2")).isTrue();
        }
    }

    @Test
    void flushEndedWhenTheMinuteIsOverThenOneRecordPerSourceWithCountsInTheOperatorsTrail() {
        try (UnauthenticatedCalls calls = calls(MINUTE.plusSeconds(61))) {
            for (int i = 0; i < 500; i++) {
                calls.summarize("192.0.2.1", "GetCallerIdentity", "MissingAuthenticationToken", MINUTE.plusSeconds(i % 60));
            }
            calls.summarize("192.0.2.1", "Unknown", "InvalidAction", MINUTE.plusSeconds(59));

            calls.flushEnded();

            assertThat(recorder.records).singleElement().satisfies(record -> {
                assertThat(record.eventName()).isEqualTo(UnauthenticatedCalls.SUMMARY_EVENT);
                assertThat(record.sourceIpAddress()).isEqualTo("192.0.2.1");
                assertThat(record.recipientAccountId()).as("the operator's trail").isNull();
                assertThat(record.eventTime()).isEqualTo(MINUTE);
                assertThat(record.additionalEventData()).containsEntry("summarizedCalls", 501L)
                        .containsEntry("errorCodes", Map.of("MissingAuthenticationToken", 500L, "InvalidAction", 1L));
            });
        }
    }

    @Test
    void flushEndedWhenTheMinuteIsStillGoingThenNothingRecordedYet() {
        try (UnauthenticatedCalls calls = calls(MINUTE.plusSeconds(30))) {
            calls.summarize("192.0.2.1", "GetCallerIdentity", "MissingAuthenticationToken", MINUTE.plusSeconds(10));

            calls.flushEnded();

            assertThat(recorder.records).isEmpty();
        }
        assertThat(recorder.records).as("closing records what is left").hasSize(1);
    }

    @Test
    void flushEndedWhenTheStoreIsAwayThenTheSummaryIsKeptForTheNextFlush() {
        try (UnauthenticatedCalls calls = calls(MINUTE.plusSeconds(61))) {
            calls.summarize("192.0.2.1", "GetCallerIdentity", "MissingAuthenticationToken", MINUTE);
            recorder.away = true;
            calls.flushEnded();
            calls.summarize("192.0.2.1", "GetCallerIdentity", "MissingAuthenticationToken", MINUTE);
            recorder.away = false;

            calls.flushEnded();

            assertThat(recorder.records).singleElement()
                    .satisfies(record -> assertThat(record.additionalEventData()).containsEntry("summarizedCalls", 2L));
        }
    }

    @Test
    void summarizeWhenMoreSourcesThanTrackedThenTheRestShareOneSummary() {
        try (UnauthenticatedCalls calls = calls(MINUTE.plusSeconds(61))) {
            for (int i = 0; i < UnauthenticatedCalls.MAX_SOURCES + 50; i++) {
                calls.summarize("10.0." + (i / 256) + "." + (i % 256), "GetCallerIdentity", "MissingAuthenticationToken", MINUTE);
            }

            calls.flushEnded();

            assertThat(recorder.records).hasSize(UnauthenticatedCalls.MAX_SOURCES + 1);
            ApiCallRecorded other = recorder.records.stream().filter(r -> r.sourceIpAddress().equals("other")).findFirst().orElseThrow();
            assertThat(other.additionalEventData()).containsEntry("summarizedCalls", 50L);
        }
    }
}
