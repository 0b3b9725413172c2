package dev.mayfly.runtime.audit;

import dev.mayfly.kafka.signed.Refusal;
import dev.mayfly.kafka.signed.RefusedRecords;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Puts the feed records a service refused (unsigned, forged, replayed: someone other than a Mayfly service wrote to its
 * topics; or signed but not applicable) in the operator's trail: one record per topic and minute, counted by reason, so that a flood of forged records
 * costs the trail a record a minute and not one each.
 */
public final class FeedRefusalTrail implements RefusedRecords.Listener, AutoCloseable {

    /** The eventName of a summary of refused feed records. */
    public static final String SUMMARY = "FeedRecordsRefused";
    private final CallSummaries summaries;
    private final Clock clock;
    private final ScheduledExecutorService flusher;

    /** @param eventSource the service, as the operator's summaries name it */
    public FeedRefusalTrail(String eventSource, CallRecorder recorder, Clock clock) {
        this.clock = clock;
        this.summaries = new CallSummaries(CallLimits.MAX_KEYS, recorder, (topic, minute, counts) -> CallLimits.summary(eventSource,
                SUMMARY, null, null, null, minute, counts, counts.calls() + " records of " + topic
                        + " were refused: unsigned, not signed by a producer of the topic, older than what was applied, or signed but"
                        + " not applicable"));
        this.flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(eventSource + "-feed-refusals").factory());
        flusher.scheduleWithFixedDelay(() -> summaries.flushEnded(clock), 5, 5, TimeUnit.SECONDS);
    }

    @Override
    public void refused(String topic, Refusal refusal) {
        summaries.count(topic, topic, refusal.name(), clock.instant());
    }

    /** Records what is still counted, the current minute's too. */
    @Override
    public void close() {
        flusher.shutdownNow();
        summaries.flushAll();
    }
}
