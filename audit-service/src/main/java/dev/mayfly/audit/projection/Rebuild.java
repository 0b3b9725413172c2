package dev.mayfly.audit.projection;

import dev.mayfly.audit.projection.Delivery.Origin;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.Topics;
import dev.mayfly.kafka.KafkaCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Writes the whole projection again: from the beginning of mayfly.events (as far as the topic's retention reaches), or
 * from calls read out of the event stores. Writes are by eventID, so it can run beside the live projection and leaves
 * no duplicate; it reports its progress as it goes. Records that can never be written are set aside, as the projection
 * sets them aside, and the rebuild goes on.
 */
public final class Rebuild {

    private static final int BATCH = 1000;
    private final RecordWriter writer;
    private final Progress progress;
    private long setAside;

    /** Told after each batch how far the rebuild got. */
    @FunctionalInterface
    public interface Progress {
        /** @param total what there is to read, or -1 when it is not known ahead */
        void report(long read, long total, long written);
    }

    public Rebuild(RecordWriter writer, Progress progress) {
        this.writer = writer;
        this.progress = progress;
    }

    /**
     * Reads mayfly.events from its beginning to where it ended when the rebuild started, with a consumer of no group
     * (nobody's offsets move). Only records a producer of the topic signed are written: records from before feeds were
     * signed are refused too (the event stores still hold the calls of the issuer and the revocation service).
     *
     * @param calls what is read of each record
     * @return the records written
     */
    public long fromTopic(KafkaCluster kafka, ApiCalls calls) throws IOException {
        try (KafkaConsumer<String, byte[]> consumer = EventsConsumers.committingByHand(kafka, null, BATCH)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long total = partitions.stream().mapToLong(p -> end.get(p) - beginning.get(p)).sum();
            long read = 0;
            long written = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                List<Delivery> deliveries = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        read++;
                        calls.from(record).ifPresent(deliveries::add);
                    }
                }
                written += write(deliveries);
                progress.report(read, total, written);
            }
            return written;
        }
    }

    /**
     * Writes the calls a source pushes (an event store's replay, oldest first), a batch at a time.
     *
     * @param source hands every call to the consumer it is given, then returns
     * @return the records written
     */
    public long fromCalls(Consumer<Consumer<ApiCallRecorded>> source) throws IOException {
        List<Delivery> batch = new ArrayList<>();
        long[] counts = new long[2];
        try {
            source.accept(call -> {
                batch.add(Delivery.of(call, Origin.EVENT_STORE, null));
                counts[0]++;
                if (batch.size() == BATCH) {
                    counts[1] += writeOrThrow(batch);
                    batch.clear();
                    progress.report(counts[0], -1, counts[1]);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        counts[1] += write(batch);
        progress.report(counts[0], -1, counts[1]);
        return counts[1];
    }

    /** How many records this rebuild set aside as never writable. */
    public long setAside() {
        return setAside;
    }

    private int write(List<Delivery> batch) throws IOException {
        RecordWriter.Written written = writer.write(batch);
        setAside += written.setAside();
        return written.records();
    }

    private int writeOrThrow(List<Delivery> batch) {
        try {
            return write(batch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
