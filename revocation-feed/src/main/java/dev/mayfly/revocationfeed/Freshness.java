package dev.mayfly.revocationfeed;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Whether an index of rules is recent enough to trust: when the feed has not heard from Kafka for longer than the
 * bound, a rule added since may be missing. Then session credentials are refused (fail closed), unless the operator
 * chose to fail open.
 *
 * @param lastHeard  when the feed last heard from Kafka
 * @param maxAge     the bound
 * @param failClosed whether a stale index refuses session credentials
 */
public record Freshness(Supplier<Instant> lastHeard, Duration maxAge, boolean failClosed) {

    /** How old the index may be now. */
    public Duration age(Instant now) {
        return Duration.between(lastHeard.get(), now);
    }

    public boolean isStale(Instant now) {
        return age(now).compareTo(maxAge) > 0;
    }

    /**
     * Why the index may not be trusted now, for a refusal's message: how old it is, or, while the feed has never proven
     * that it holds every rule (it has not caught up yet, or it lost rules it had held: an emptied, re-created or
     * rolled-back topic, see FeedContinuity), that, rather than an age counted from 1970.
     */
    public String staleness(Instant now) {
        return lastHeard.get().equals(Instant.EPOCH)
                ? "the revocation feed has not shown that it holds every rule (not caught up yet, or its topic lost rules it had held)"
                : "the rules are " + age(now).toSeconds() + " seconds old, more than " + maxAge.toSeconds();
    }

    /** Whether session credentials must be refused now. */
    public boolean refusesSessions(Instant now) {
        return failClosed && isStale(now);
    }
}
