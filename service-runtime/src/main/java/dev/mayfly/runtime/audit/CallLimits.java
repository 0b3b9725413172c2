package dev.mayfly.runtime.audit;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.runtime.RandomUuids;
import dev.mayfly.runtime.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's request limits, and what becomes of the calls beyond them: summaries, not one record each, so that a
 * flood costs the event store and the audit a record a minute.
 * <ul>
 *   <li>Refusals no verified principal stands behind (no credentials, an unknown key, a bad signature or token), per
 *       source address: {@link Limits#unauthenticatedBurst} recorded one by one, refilled at
 *       {@link Limits#unauthenticatedPerSecond}; beyond that answered Throttling, and each source's minute is one
 *       record in the operator's trail (no account can be held to them).</li>
 *   <li>Verified calls, per account and scope (STS, IAM), as AWS throttles them: beyond the account's rate answered
 *       Throttling ("Rate exceeded", which the SDKs retry), and each account's minute of throttled calls is one record
 *       in its own trail.</li>
 * </ul>
 * A Throttling answer is held for {@link Limits#throttledAnswerHold} before it goes out. A client that retries at once
 * (a flood, not an SDK, which backs off) otherwise gets its refusal in a millisecond and sends again: sixteen such
 * clients made 2,000 refusals a second, each read, verified and answered, and another tenant's AssumeRole latency grew
 * tenfold on a 2-core machine (./mayfly bench isolation, docs/benchmarks.md). Held, a closed-loop client makes at most
 * one refused call per hold; the wait costs a parked virtual thread, and the requests a source has waiting count
 * against its cap on requests at once (MAYFLY_HTTP_MAX_REQUESTS_PER_SOURCE).
 * <p>One instance per service, shared by its endpoints. Memory is bounded: at most {@value #MAX_KEYS} sources or accounts
 * are tracked apart (the rest share one bucket and one count), and idle ones are forgotten.
 */
public final class CallLimits implements AutoCloseable {

    /** The eventName of a summary of refusals no principal stands behind. */
    public static final String UNAUTHENTICATED_SUMMARY = "UnauthenticatedCallsSummarized";
    /** The eventName of a summary of an account's throttled calls. */
    public static final String THROTTLED_SUMMARY = "ThrottledCallsSummarized";
    static final int MAX_KEYS = 10_000;
    private static final Duration CLOSING_WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(CallLimits.class);

    /**
     * @param unauthenticatedPerSecond refusals without a verified principal a source may have recorded one by one, per second
     * @param unauthenticatedBurst     how many at once
     * @param perAccountPerSecond      per scope ("sts", "iam", "cloudtrail"), the calls an account may make per second (and at once);
     *                                 a scope not named is not limited
     * @param throttledAnswerHold      how long a Throttling answer waits before it goes out
     */
    public record Limits(double unauthenticatedPerSecond, int unauthenticatedBurst, Map<String, Integer> perAccountPerSecond,
                         Duration throttledAnswerHold) {

        /**
         * STS's documented default quota is 600 requests per second per account; IAM's is not published. The audit API
         * ("cloudtrail") allows 20: ten times CloudTrail's documented LookupEvents quota of 2 per second per account,
         * since the console and the monitoring queries use it too, while one tenant's loop of searches cannot take the
         * audit store from the projection and every other tenant. The hold is shorter than the first back-off of the AWS
         * SDKs' standard retry mode, so a client that backs off as they do waits no longer than it would have.
         */
        public static final Limits DEFAULT = new Limits(20, 100, Map.of("sts", 600, "iam", 100, "cloudtrail", 20), Duration.ofMillis(200));

        public Limits {
            perAccountPerSecond = Map.copyOf(perAccountPerSecond);
            if (throttledAnswerHold.isNegative()) {
                throw new IllegalArgumentException("the hold of a Throttling answer cannot be negative");
            }
        }

        /**
         * MAYFLY_UNAUTHENTICATED_PER_SECOND, _BURST, MAYFLY_STS_REQUESTS_PER_SECOND, MAYFLY_IAM_REQUESTS_PER_SECOND,
         * MAYFLY_AUDIT_REQUESTS_PER_SECOND, MAYFLY_THROTTLED_ANSWER_HOLD_MS.
         */
        public static Limits from(Settings settings) {
            return new Limits(settings.integer("MAYFLY_UNAUTHENTICATED_PER_SECOND", (int) DEFAULT.unauthenticatedPerSecond),
                    settings.integer("MAYFLY_UNAUTHENTICATED_BURST", DEFAULT.unauthenticatedBurst),
                    Map.of("sts", settings.integer("MAYFLY_STS_REQUESTS_PER_SECOND", DEFAULT.perAccountPerSecond.get("sts")),
                            "iam", settings.integer("MAYFLY_IAM_REQUESTS_PER_SECOND", DEFAULT.perAccountPerSecond.get("iam")),
                            "cloudtrail", settings.integer("MAYFLY_AUDIT_REQUESTS_PER_SECOND", DEFAULT.perAccountPerSecond.get("cloudtrail"))),
                    Duration.ofMillis(settings.integer("MAYFLY_THROTTLED_ANSWER_HOLD_MS", (int) DEFAULT.throttledAnswerHold.toMillis())));
        }
    }

    private final Clock clock;
    private final Duration throttledAnswerHold;
    private final TokenBuckets sources;
    private final Map<String, TokenBuckets> accounts;
    private final CallSummaries unauthenticated;
    private final CallSummaries throttled;
    private final ScheduledExecutorService flusher;

    /** @param eventSource the service, as the operator's summaries name it */
    public CallLimits(Limits limits, String eventSource, CallRecorder recorder, Clock clock) {
        this.clock = clock;
        this.throttledAnswerHold = limits.throttledAnswerHold();
        this.sources = new TokenBuckets(limits.unauthenticatedPerSecond(), limits.unauthenticatedBurst(), MAX_KEYS);
        this.accounts = limits.perAccountPerSecond().entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                rate -> new TokenBuckets(rate.getValue(), rate.getValue(), MAX_KEYS)));
        this.unauthenticated = new CallSummaries(MAX_KEYS, recorder, (source, minute, counts) -> summary(eventSource,
                UNAUTHENTICATED_SUMMARY, "Throttling", source, null, minute, counts,
                counts.calls() + " calls without a verified principal from this address, beyond its limit, were answered Throttling."));
        this.throttled = new CallSummaries(MAX_KEYS, recorder, (account, minute, counts) -> summary(eventSource, THROTTLED_SUMMARY,
                "Throttling", null, account, minute, counts, counts.calls() + " calls of this account beyond its request rate were answered Throttling."));
        this.flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(eventSource + "-summaries").factory());
        flusher.scheduleWithFixedDelay(this::flushEnded, 5, 5, TimeUnit.SECONDS);
    }

    /** Whether the refusal of a call no principal stands behind may be recorded on its own; false beyond the source's share. */
    boolean admitUnauthenticated(String source) {
        return sources.take(source);
    }

    void summarizeUnauthenticated(String source, String eventName, String errorCode, Instant at) {
        unauthenticated.count(source, eventName, errorCode, at);
    }

    /** Whether the account may make another call in this scope now. */
    boolean admitAccount(String accountId, String scope) {
        TokenBuckets buckets = accounts.get(scope);
        return buckets == null || buckets.take(accountId);
    }

    void summarizeThrottled(String accountId, String eventName, Instant at) {
        throttled.count(accountId, eventName, "Throttling", at);
    }

    /** Waits as long as a Throttling answer is held; returns early when the thread is interrupted (its service stopping). */
    void holdThrottledAnswer() {
        try {
            Thread.sleep(throttledAnswerHold);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records the summaries of minutes that have ended, and forgets sources and accounts whose share is whole again. */
    void flushEnded() {
        unauthenticated.flushEnded(clock);
        throttled.flushEnded(clock);
        sources.forgetFull();
        accounts.values().forEach(TokenBuckets::forgetFull);
    }

    /** A summary of a key's minute, in the trail of the account (or, with none, the operator's). */
    static ApiCallRecorded summary(String eventSource, String eventName, String errorCode, String source, String account,
                                   Instant minute, CallSummaries.Counts counts, String message) {
        return new ApiCallRecorded(RandomUuids.nextString(), minute, eventSource, eventName, "us-east-1", source, null,
                RandomUuids.nextString(), null, null, null, errorCode, message, List.of(), true, account, null, counts.data(minute));
    }

    /**
     * Records what is still counted, the current minute's too, waiting at most {@link #CLOSING_WAIT}: a service that
     * stops while its store is already away must still stop (what could not be recorded then is logged as lost).
     */
    @Override
    public void close() {
        flusher.shutdownNow();
        Thread flushing = Thread.ofVirtual().start(() -> {
            unauthenticated.flushAll();
            throttled.flushAll();
        });
        try {
            if (!flushing.join(CLOSING_WAIT)) {
                LOG.warn("summaries of calls beyond the request limits not recorded at stop: the store did not answer within {} s",
                        CLOSING_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
