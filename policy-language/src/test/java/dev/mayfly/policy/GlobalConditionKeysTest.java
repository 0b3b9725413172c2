package dev.mayfly.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlobalConditionKeysTest {

    @Test
    void transportWhenRequestsInOneSecondAndTheNextThenEachHasItsOwnSecondsTime() {
        Instant first = Instant.parse("2026-12-07T08:00:00.120Z");

        var early = GlobalConditionKeys.transport("192.0.2.1", true, first);
        var late = GlobalConditionKeys.transport("192.0.2.2", false, first.plusMillis(870));
        var next = GlobalConditionKeys.transport("192.0.2.1", true, first.plusMillis(880));
        var before = GlobalConditionKeys.transport("192.0.2.1", true, first.minusSeconds(3600));

        assertThat(early.get("aws:CurrentTime")).isEqualTo(List.of("2026-12-07T08:00:00Z"));
        assertThat(early.get("aws:EpochTime")).isEqualTo(List.of(Long.toString(first.getEpochSecond())));
        assertThat(early.get("aws:SourceIp")).isEqualTo(List.of("192.0.2.1"));
        assertThat(early.get("aws:SecureTransport")).isEqualTo(List.of("true"));
        assertThat(late.get("aws:CurrentTime")).isEqualTo(List.of("2026-12-07T08:00:00Z"));
        assertThat(late.get("aws:SourceIp")).isEqualTo(List.of("192.0.2.2"));
        assertThat(late.get("aws:SecureTransport")).isEqualTo(List.of("false"));
        assertThat(next.get("aws:CurrentTime")).isEqualTo(List.of("2026-12-07T08:00:01Z"));
        assertThat(next.get("aws:EpochTime")).isEqualTo(List.of(Long.toString(first.getEpochSecond() + 1)));
        assertThat(before.get("aws:CurrentTime")).as("a clock set back").isEqualTo(List.of("2026-12-07T07:00:00Z"));
    }

    @Test
    void transportWhenCallerAddsKeysThenTheMapTakesThem() {
        var keys = GlobalConditionKeys.transport("192.0.2.1", true, Instant.parse("2026-12-07T08:00:00Z"));

        keys.putAll(GlobalConditionKeys.session(Instant.parse("2026-12-07T07:00:00Z"), Instant.parse("2026-12-07T07:30:00Z"),
                Instant.parse("2026-12-07T08:00:00Z")));

        assertThat(keys).containsEntry("aws:TokenIssueTime", List.of("2026-12-07T07:00:00Z"))
                .containsEntry("aws:MultiFactorAuthPresent", List.of("true"))
                .containsEntry("aws:MultiFactorAuthAge", List.of("1800"))
                .hasSize(7);
    }
}
