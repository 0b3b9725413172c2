package dev.mayfly.runtime.audit;

import dev.mayfly.contract.ApiCallRecorded;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls counted per key (a source address, an account) and minute instead of recorded one by one, each key's minute
 * recorded as one record once the minute has ended. At most {@code maxKeys} keys are counted apart in a minute; the
 * rest share one count. A summary that cannot be recorded yet is kept for the next flush: nothing counted is lost.
 */
final class CallSummaries {

    private static final Logger LOG = LoggerFactory.getLogger(CallSummaries.class);

    /** Makes the record of a key's minute. */
    @FunctionalInterface
    interface RecordMaker {
        ApiCallRecorded record(String key, Instant minute, Counts counts);
    }

    private final int maxKeys;
    private final CallRecorder recorder;
    private final RecordMaker maker;
    private final Map<Window, Counts> counts = new ConcurrentHashMap<>();

    CallSummaries(int maxKeys, CallRecorder recorder, RecordMaker maker) {
        this.maxKeys = maxKeys;
        this.recorder = recorder;
        this.maker = maker;
    }

    void count(String key, String eventName, String errorCode, Instant at) {
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
        counts.computeIfAbsent(new Window(counts.size() < maxKeys ? key : TokenBuckets.OTHERS, minute), w -> new Counts())
                .count(eventName, errorCode);
    }

    /** Records the summaries of the minutes that ended before the clock's current one. */
    void flushEnded(Clock clock) {
        Instant current = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        flush(window -> window.minute().isBefore(current));
    }

    /** Records every summary, the current minute's too. */
    void flushAll() {
        flush(window -> true);
    }

    private void flush(Predicate<Window> due) {
        for (Window window : new ArrayList<>(counts.keySet())) {
            if (!due.test(window)) {
                continue;
            }
            Counts summary = counts.remove(window);
            try {
                recorder.recorded(() -> null, nothing -> maker.record(window.key(), window.minute(), summary));
            } catch (RuntimeException e) {
                counts.merge(window, summary, Counts::add);
                LOG.warn("summary of calls of {} not recorded yet ({})", window.key(), e.toString());
                return;
            }
        }
    }

    private record Window(String key, Instant minute) {
    }

    /** How many calls, by name and by error code. */
    static final class Counts {
        private long calls;
        private final Map<String, Long> eventNames = new LinkedHashMap<>();
        private final Map<String, Long> errorCodes = new LinkedHashMap<>();

        synchronized void count(String eventName, String errorCode) {
            calls++;
            eventNames.merge(eventName, 1L, Long::sum);
            errorCodes.merge(errorCode, 1L, Long::sum);
        }

        synchronized Counts add(Counts other) {
            calls += other.calls;
            other.eventNames.forEach((name, n) -> eventNames.merge(name, n, Long::sum));
            other.errorCodes.forEach((code, n) -> errorCodes.merge(code, n, Long::sum));
            return this;
        }

        synchronized long calls() {
            return calls;
        }

        /** additionalEventData of the summary: the count, the window, by name and by error code. */
        synchronized Map<String, Object> data(Instant minute) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("summarizedCalls", calls);
            data.put("windowStart", minute.toString());
            data.put("windowEnd", minute.plusSeconds(60).toString());
            data.put("eventNames", Map.copyOf(eventNames));
            data.put("errorCodes", Map.copyOf(errorCodes));
            return data;
        }
    }
}
