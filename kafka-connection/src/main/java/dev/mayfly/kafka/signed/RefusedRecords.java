package dev.mayfly.kafka.signed;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records a process's consumers refused, counted per topic and logged (where it sat and why; never its value), and
 * handed to a listener: a service records them in its operator trail. One line per topic and reason a minute: whoever
 * can write to the brokers could otherwise fill the disks with log lines; the count has them all.
 */
public final class RefusedRecords {

    private static final Logger LOG = LoggerFactory.getLogger(RefusedRecords.class);
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    /** The minute (since the epoch) each topic and reason was last logged in. */
    private final Map<String, Long> loggedMinute = new ConcurrentHashMap<>();
    private final Listener listener;

    /** Told of each refusal, on the consumer's thread: it must not block. */
    @FunctionalInterface
    public interface Listener {
        void refused(String topic, Refusal refusal);
    }

    /** Counted and logged only. */
    public RefusedRecords() {
        this((topic, refusal) -> { });
    }

    public RefusedRecords(Listener listener) {
        this.listener = listener;
    }

    void report(ConsumerRecord<String, byte[]> record, Refusal refusal) {
        counts.computeIfAbsent(record.topic(), topic -> new LongAdder()).increment();
        long minute = System.currentTimeMillis() / 60_000;
        Long previous = loggedMinute.put(record.topic() + ' ' + refusal, minute);
        if (previous == null || previous != minute) {
            LOG.warn("refused the record at {}-{} offset {}: it {} (more this minute are counted, not logged)", record.topic(),
                    record.partition(), record.offset(), refusal.description());
        }
        listener.refused(record.topic(), refusal);
    }

    /** How many records of the topic were refused since this process started. */
    public long count(String topic) {
        LongAdder count = counts.get(topic);
        return count == null ? 0 : count.sum();
    }
}
