package dev.mayfly.audit.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The interval a histogram that follows the data chooses: round, the shortest that fits, and never more buckets than asked. */
class BucketIntervalTest {

    private static final Instant NOON = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void followingWhenRecordsWithinASecondThenOneSecondBucket() {
        BucketInterval interval = BucketInterval.following(NOON, NOON.plusMillis(999), 60);

        assertThat(interval.text()).isEqualTo("1s");
        assertThat(interval.buckets(NOON, NOON.plusMillis(999))).isEqualTo(1);
    }

    @Test
    void followingWhenABenchmarkOfThreeMinutesInADayThenSecondsNotHours() {
        assertThat(BucketInterval.following(NOON, NOON.plus(Duration.ofMinutes(3)), 60).text()).isEqualTo("5s");
        assertThat(BucketInterval.following(NOON.minus(Duration.ofHours(20)), NOON, 60).text()).isEqualTo("30m");
        assertThat(BucketInterval.following(NOON.minus(Duration.ofDays(80)), NOON, 60).text()).isEqualTo("2d");
    }

    @Test
    void endWhenBucketStartsThenEndsOneIntervalLater() {
        assertThat(BucketInterval.of("15m").end(NOON)).isEqualTo(NOON.plus(Duration.ofMinutes(15)));
        assertThat(BucketInterval.of("7d").length()).isEqualTo(Duration.ofDays(7));
    }

    @Property
    void followingWhenAnyRangeThenAtMostTheTargetAndTheNextRounderDoesNotFitBetter(
            @ForAll @LongRange(min = 0, max = 253_402_300_799_000L) long first, @ForAll @LongRange(min = 0, max = 253_402_300_799_000L) long span,
            @ForAll @IntRange(min = 2, max = 500) int target) {
        Instant from = Instant.ofEpochMilli(first);
        Instant to = Instant.ofEpochMilli(Math.min(253_402_300_799_000L, first + span));

        BucketInterval interval = BucketInterval.following(from, to, target);

        assertThat(interval.buckets(from, to)).isBetween(1L, (long) target);
        assertThat(interval.length()).isPositive();
    }
}
