package dev.mayfly.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.runtime.audit.CallLimits.Limits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The per-source limit of calls no principal stands behind, the per-account rates, and their summaries. */
class CallLimitsTest {

    private static final Instant MINUTE = Instant.parse("2026-12-06T10:00:00Z");
    private final RecordingRecorder recorder = new RecordingRecorder();

    private CallLimits calls(Instant now) {
        return new CallLimits(new Limits(1, 3, Map.of("sts", 2), Duration.ZERO), "test.mayfly", recorder, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void admitWhenASourceHasHadItsBurstThenRefusedWhileOthersAreStillAdmitted() {
        try (CallLimits calls = calls(MINUTE)) {
            assertThat(IntStream.range(0, 3).allMatch(i -> calls.admitUnauthenticated("192.0.2.1"))).isTrue();

            assertThat(calls.admitUnauthenticated("192.0.2.1")).isFalse();
            assertThat(calls.admitUnauthenticated("192.0.2.2")).isTrue();
        }
    }

    @Test
    void admitAccountWhenAnAccountHasUsedItsRateThenRefusedWhileOtherAccountsAndUnlimitedScopesAreNot() {
        try (CallLimits calls = calls(MINUTE)) {
            assertThat(calls.admitAccount("000000000001", "sts")).isTrue();
            assertThat(calls.admitAccount("000000000001", "sts")).isTrue();

            assertThat(calls.admitAccount("000000000001", "sts")).isFalse();
            assertThat(calls.admitAccount("000000000002", "sts")).isTrue();
            assertThat(calls.admitAccount("000000000001", "unlimited")).isTrue();
        }
    }

    @Test
    void flushEndedWhenAnAccountsCallsWereThrottledThenOneRecordInItsOwnTrail() {
        try (CallLimits calls = calls(MINUTE.plusSeconds(61))) {
            for (int i = 0; i < 40; i++) {
                calls.summarizeThrottled("000000000001", "AssumeRole", MINUTE.plusSeconds(i));
            }

            calls.flushEnded();

            assertThat(recorder.records).singleElement().satisfies(record -> {
                assertThat(record.eventName()).isEqualTo(CallLimits.THROTTLED_SUMMARY);
                assertThat(record.recipientAccountId()).isEqualTo("000000000001");
                assertThat(record.additionalEventData()).containsEntry("summarizedCalls", 40L)
                        .containsEntry("eventNames", Map.of("AssumeRole", 40L));
            });
        }
    }

    @Test
    void flushEndedWhenTheMinuteIsOverThenOneRecordPerSourceWithCountsInTheOperatorsTrail() {
        try (CallLimits calls = calls(MINUTE.plusSeconds(61))) {
            for (int i = 0; i < 500; i++) {
                calls.summarizeUnauthenticated("192.0.2.1", "GetCallerIdentity", "MissingAuthenticationToken", MINUTE.plusSeconds(i % 60));
            }
            calls.summarizeUnauthenticated("192.0.2.1", "Unknown", "InvalidAction", MINUTE.plusSeconds(59));

            calls.flushEnded();

            assertThat(recorder.records).singleElement().satisfies(record -> {
                assertThat(record.eventName()).isEqualTo(CallLimits.UNAUTHENTICATED_SUMMARY);
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
        try (CallLimits calls = calls(MINUTE.plusSeconds(30))) {
            calls.summarizeUnauthenticated("192.0.2.1", "GetCallerIdentity", "MissingAuthenticationToken", MINUTE.plusSeconds(10));

            calls.flushEnded();

            assertThat(recorder.records).isEmpty();
        }
        assertThat(recorder.records).as("closing records what is left").hasSize(1);
    }

    @Test
    @Timeout(60)
    void closeWhenTheStoreNeverAnswersThenItStopsAllTheSame() {
        CallRecorder hanging = new CallRecorder() {
            @Override
            public <T> T recorded(Supplier<T> work, Function<T, ApiCallRecorded> record) {
                LockSupport.park();   // a store that never answers, as a database already shut down behind a pool
                return null;
            }
        };
        CallLimits calls = new CallLimits(new Limits(1, 3, Map.of(), Duration.ZERO), "test.mayfly", hanging, Clock.fixed(MINUTE, ZoneOffset.UTC));
        calls.summarizeUnauthenticated("192.0.2.1", "GetCallerIdentity", "MissingAuthenticationToken", MINUTE);

        calls.close();
    }

    @Test
    void flushEndedWhenTheStoreIsAwayThenTheSummaryIsKeptForTheNextFlush() {
        try (CallLimits calls = calls(MINUTE.plusSeconds(61))) {
            calls.summarizeUnauthenticated("192.0.2.1", "GetCallerIdentity", "MissingAuthenticationToken", MINUTE);
            recorder.away = true;
            calls.flushEnded();
            calls.summarizeUnauthenticated("192.0.2.1", "GetCallerIdentity", "MissingAuthenticationToken", MINUTE);
            recorder.away = false;

            calls.flushEnded();

            assertThat(recorder.records).singleElement()
                    .satisfies(record -> assertThat(record.additionalEventData()).containsEntry("summarizedCalls", 2L));
        }
    }

    @Test
    void summarizeWhenMoreSourcesThanTrackedThenTheRestShareOneSummary() {
        try (CallLimits calls = calls(MINUTE.plusSeconds(61))) {
            for (int i = 0; i < CallLimits.MAX_KEYS + 50; i++) {
                calls.summarizeUnauthenticated("10.0." + (i / 256) + "." + (i % 256), "GetCallerIdentity", "MissingAuthenticationToken", MINUTE);
            }

            calls.flushEnded();

            assertThat(recorder.records).hasSize(CallLimits.MAX_KEYS + 1);
            ApiCallRecorded other = recorder.records.stream().filter(r -> r.sourceIpAddress().equals("other")).findFirst().orElseThrow();
            assertThat(other.additionalEventData()).containsEntry("summarizedCalls", 50L);
        }
    }
}
