package dev.mayfly.agent;

import dev.mayfly.agent.WorkloadCredentials.FetchFailed;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A workload's credentials, in memory only: fetched when first asked for, fetched again once their refresh time has come
 * (WorkloadCredentials.refreshAt, well before they expire). When a refresh fails, the credentials in hand are served
 * while they have more than a minute left, and the refresh is tried again on the next ask.
 */
public final class CredentialsCache {

    static final Duration LAST_MINUTE = Duration.ofMinutes(1);
    private final Supplier<WorkloadCredentials> fetcher;
    private final Supplier<Instant> clock;
    private final Consumer<String> progress;
    private WorkloadCredentials cached;

    /** @param progress told of each refresh and each failure, in one line without a secret */
    public CredentialsCache(Supplier<WorkloadCredentials> fetcher, Supplier<Instant> clock, Consumer<String> progress) {
        this.fetcher = fetcher;
        this.clock = clock;
        this.progress = progress;
    }

    /** @throws FetchFailed when there are no usable credentials and none could be fetched */
    synchronized WorkloadCredentials current() {
        Instant now = clock.get();
        if (cached != null && now.isBefore(cached.refreshAt())) {
            return cached;
        }
        try {
            cached = fetcher.get();
            progress.accept("credentials of " + cached.roleArn() + " refreshed: " + cached.accessKeyId()
                    + ", expiring " + cached.expiration() + ", next refresh at " + cached.refreshAt());
            return cached;
        } catch (FetchFailed e) {
            if (cached != null && now.isBefore(cached.expiration().minus(LAST_MINUTE))) {
                progress.accept("refresh failed, serving the credentials in hand until " + cached.expiration() + ": " + e.getMessage());
                return cached;
            }
            cached = null;
            progress.accept("no credentials: " + e.getMessage());
            throw e;
        }
    }
}
