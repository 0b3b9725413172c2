package dev.mayfly.runtime.audit;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.runtime.RandomUuids;
import dev.mayfly.runtime.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refused calls that no verified principal stands behind (no credentials, an unknown key, a bad signature or token),
 * limited per source address: each source may have {@link Limits#burst} of them recorded one by one, refilled at
 * {@link Limits#perSecond}; beyond that they are answered Throttling and counted, and once a minute each source's
 * count becomes one record in the operator's trail. A flood from one address then costs the event store and the
 * audit a record a minute, not one per request, and fills no tenant's trail.
 *
 * <p>One instance per service, shared by its endpoints. Memory is bounded: at most {@value #MAX_SOURCES} sources
 * are tracked (the rest share one bucket and one count), and idle sources are forgotten.
 */
public final class UnauthenticatedCalls implements AutoCloseable {

    /** The eventName of a summary record. */
    public static final String SUMMARY_EVENT = "UnauthenticatedCallsSummarized";
    static final int MAX_SOURCES = 10_000;
    private static final String OTHER_SOURCES = "other";
    private static final Logger LOG = LoggerFactory.getLogger(UnauthenticatedCalls.class);

    /**
     * @param perSecond how many such calls a source may have recorded one by one, per second, sustained
     * @param burst     how many at once
     */
    public record Limits(double perSecond, int burst) {

        public static final Limits DEFAULT = new Limits(20, 100);

        /** From MAYFLY_UNAUTHENTICATED_PER_SECOND and MAYFLY_UNAUTHENTICATED_BURST; DEFAULT where unset. */
        public static Limits from(Settings settings) {
            return new Limits(settings.integer("MAYFLY_UNAUTHENTICATED_PER_SECOND", (int) DEFAULT.perSecond),
                    settings.integer("MAYFLY_UNAUTHENTICATED_BURST", DEFAULT.burst));
        }
    }

    private final Limits limits;
    private final String eventSource;
    private final CallRecorder recorder;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<Window, Summary> summaries = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    /** @param eventSource the service whose summaries these are, as records name it */
    public UnauthenticatedCalls(Limits limits, String eventSource, CallRecorder recorder, Clock clock) {
        this.limits = limits;
        this.eventSource = eventSource;
        this.recorder = recorder;
        this.clock = clock;
        this.flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(eventSource + "-summaries").factory());
        flusher.scheduleWithFixedDelay(this::flushEnded, 5, 5, TimeUnit.SECONDS);
    }

    /** Whether the refusal of such a call from this source may be recorded on its own; false once it has had its share. */
    boolean admit(String source) {
        return bucket(source).take(limits, System.nanoTime());
    }

    /** Counts a refusal beyond the source's share into the summary of its source and minute. */
    void summarize(String source, String eventName, String errorCode, Instant at) {
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
        String key = summaries.size() < MAX_SOURCES ? source : OTHER_SOURCES;
        summaries.computeIfAbsent(new Window(key, minute), w -> new Summary()).count(eventName, errorCode);
    }

    private Bucket bucket(String source) {
        Bucket bucket = buckets.get(source);
        if (bucket != null) {
            return bucket;
        }
        return buckets.computeIfAbsent(buckets.size() < MAX_SOURCES ? source : OTHER_SOURCES, s -> new Bucket(limits.burst, System.nanoTime()));
    }

    /** Records the summaries of minutes that have ended, and forgets sources whose share is whole again. */
    void flushEnded() {
        Instant current = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        flush(window -> window.minute().isBefore(current));
        long now = System.nanoTime();
        buckets.values().removeIf(bucket -> bucket.full(limits, now));
    }

    private void flush(java.util.function.Predicate<Window> due) {
        for (Window window : new ArrayList<>(summaries.keySet())) {
            if (!due.test(window)) {
                continue;
            }
            Summary summary = summaries.remove(window);
            try {
                recorder.recorded(() -> null, nothing -> summary.record(window, eventSource));
            } catch (RuntimeException e) {
                summaries.merge(window, summary, Summary::add);   // kept for the next flush: nothing counted is lost
                LOG.warn("summary of unauthenticated calls from {} not recorded yet ({})", window.source(), e.toString());
                return;
            }
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        flush(window -> true);
    }

    /** A source's minute. */
    private record Window(String source, Instant minute) {
    }

    /** A token bucket: {@code burst} tokens, refilled at {@code perSecond}. */
    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.refilledAt = now;
        }

        synchronized boolean take(Limits limits, long now) {
            refill(limits, now);
            if (tokens < 1) {
                return false;
            }
            tokens--;
            return true;
        }

        synchronized boolean full(Limits limits, long now) {
            refill(limits, now);
            return tokens >= limits.burst();
        }

        private void refill(Limits limits, long now) {
            tokens = Math.min(limits.burst(), tokens + (now - refilledAt) / 1e9 * limits.perSecond());
            refilledAt = now;
        }
    }

    /** What one source's refusals beyond its share were, in one minute. */
    private static final class Summary {
        private long calls;
        private final Map<String, Long> eventNames = new LinkedHashMap<>();
        private final Map<String, Long> errorCodes = new LinkedHashMap<>();

        synchronized void count(String eventName, String errorCode) {
            calls++;
            eventNames.merge(eventName, 1L, Long::sum);
            errorCodes.merge(errorCode, 1L, Long::sum);
        }

        synchronized Summary add(Summary other) {
            calls += other.calls;
            other.eventNames.forEach((name, n) -> eventNames.merge(name, n, Long::sum));
            other.errorCodes.forEach((code, n) -> errorCodes.merge(code, n, Long::sum));
            return this;
        }

        synchronized ApiCallRecorded record(Window window, String eventSource) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("summarizedCalls", calls);
            data.put("windowStart", window.minute().toString());
            data.put("windowEnd", window.minute().plus(Duration.ofMinutes(1)).toString());
            data.put("eventNames", Map.copyOf(eventNames));
            data.put("errorCodes", Map.copyOf(errorCodes));
            return new ApiCallRecorded(RandomUuids.nextString(), window.minute(), eventSource, SUMMARY_EVENT, "us-east-1",
                    window.source(), null, RandomUuids.nextString(), null, null, null, "Throttling",
                    calls + " calls without a verified principal from this address, beyond its limit, were answered Throttling.",
                    List.of(), true, null, null, data);
        }
    }
}
