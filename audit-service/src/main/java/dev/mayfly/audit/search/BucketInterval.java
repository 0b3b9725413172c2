package dev.mayfly.audit.search;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A date histogram's fixed bucket interval, as Elasticsearch's fixed_interval writes it ({@code 30s}, {@code 5m},
 * {@code 12h}, {@code 7d}). Buckets are aligned on the epoch, so a bucket's start is a multiple of the interval and its
 * end (exclusive) the next multiple.
 */
record BucketInterval(String text, Duration length) {

    /**
     * Round intervals a person reads at a glance, from a second to a year; beyond them, whole numbers of years. Each
     * is a whole number of the one before where it matters (minutes of seconds, hours of minutes, days of hours).
     */
    private static final List<String> ROUND = List.of("1s", "2s", "5s", "10s", "15s", "30s", "1m", "2m", "5m", "10m", "15m", "30m",
            "1h", "2h", "3h", "6h", "12h", "1d", "2d", "7d", "14d", "30d", "90d", "180d", "365d");
    private static final long YEAR_MILLIS = Duration.ofDays(365).toMillis();

    static BucketInterval of(String text) {
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        Duration length = switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("not a fixed interval: " + text);
        };
        return new BucketInterval(text, length);
    }

    /**
     * The shortest round interval that spreads records from {@code first} to {@code last} over at most {@code target}
     * buckets (two when a bucket boundary must fall between them and the target is one).
     */
    static BucketInterval following(Instant first, Instant last, int target) {
        for (String round : ROUND) {
            BucketInterval interval = of(round);
            if (interval.buckets(first, last) <= target) {
                return interval;
            }
        }
        long spanYears = Math.max(1, Duration.between(first, last).toMillis() / YEAR_MILLIS);
        long years = Math.max(1, (spanYears + Math.max(1, target - 1) - 1) / Math.max(1, target - 1) + 1);
        return of(years * 365 + "d");
    }

    /** How many buckets of this interval the records from first to last fall in, aligned on the epoch. */
    long buckets(Instant first, Instant last) {
        long millis = length.toMillis();
        return Math.floorDiv(last.toEpochMilli(), millis) - Math.floorDiv(first.toEpochMilli(), millis) + 1;
    }

    /** Where the bucket starting at {@code start} ends (exclusive). */
    Instant end(Instant start) {
        return start.plus(length);
    }
}
