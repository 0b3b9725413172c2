package dev.mayfly.eventstore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import dev.mayfly.kafka.signed.BatchSigner;
import dev.mayfly.kafka.signed.RecordSigner;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Publishes every event its processor reads from the event store to Kafka, at least once and in order, signed with the
 * service's key (consumers refuse records no producer of the topic signed): each record alone ({@link RecordSigner}), or
 * the processor's batch at once ({@link BatchSigner}: one signature for the batch, each record still verifiable alone).
 *
 * <p>The processor hands it a batch's events in one unit of work; it gathers their records and, before the processor
 * commits the batch's token, signs them, sends them in the events' order and waits for every send. Any failure rolls
 * the batch back so that the processor reads, signs and sends it again. A Kafka outage therefore delays events and never
 * loses them; consumers drop redelivered ones by event id.
 * Register it on its own streaming processor with a propagating error handler (see {@link KafkaPublishing}).
 */
public final class KafkaEventPublisher {

    private static final String PENDING = KafkaEventPublisher.class.getName() + ".pending";
    private static final long SEND_TIMEOUT_SECONDS = 60;

    private final Producer<String, byte[]> producer;
    private final Consumer<List<ProducerRecord<String, byte[]>>> signing;
    private final RecordMapper mapper;
    private final Consumer<EventMessage<?>> acknowledged;

    /**
     * Signs each record alone: for topics whose consumers may not read batch signatures (mayfly.revocations, which
     * verifiers in resource servers read), and for publishers of a few events (the revocation service's own calls).
     */
    public KafkaEventPublisher(Producer<String, byte[]> producer, RecordSigner signer, RecordMapper mapper) {
        this(producer, signer, mapper, event -> { });
    }

    /**
     * @param acknowledged told of each event Kafka acknowledged (on the producer's thread: it must not block); from then
     *                     on every consumer of the topic will read it, even if the batch is sent again
     */
    public KafkaEventPublisher(Producer<String, byte[]> producer, RecordSigner signer, RecordMapper mapper,
                               Consumer<EventMessage<?>> acknowledged) {
        this(producer, records -> records.forEach(signer::sign), mapper, acknowledged);
    }

    /**
     * Signs each batch once: for mayfly.events, whose consumers (the audit service, {@code ./mayfly audit rebuild}) read
     * batch signatures from this version on.
     */
    public KafkaEventPublisher(Producer<String, byte[]> producer, BatchSigner signer, RecordMapper mapper) {
        this(producer, signer::sign, mapper, event -> { });
    }

    private KafkaEventPublisher(Producer<String, byte[]> producer, Consumer<List<ProducerRecord<String, byte[]>>> signing,
                                RecordMapper mapper, Consumer<EventMessage<?>> acknowledged) {
        this.producer = producer;
        this.signing = signing;
        this.mapper = mapper;
        this.acknowledged = acknowledged;
    }

    /** What one event becomes on Kafka; null to publish nothing for it. */
    @FunctionalInterface
    public interface RecordMapper {
        ProducerRecord<String, byte[]> map(EventMessage<?> event);
    }

    @EventHandler
    public void on(EventMessage<?> event) {
        ProducerRecord<String, byte[]> record = mapper.map(event);
        if (record != null) {
            pendingBatch().add(record, event);
        }
    }

    private PendingBatch pendingBatch() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(PENDING, key -> {
            PendingBatch batch = new PendingBatch();
            root.onPrepareCommit(u -> batch.signSendAndAwait());
            return batch;
        });
    }

    /** The records of one unit of work's events, in their order, until the unit of work commits. */
    private final class PendingBatch {

        private final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        private final List<EventMessage<?>> events = new ArrayList<>();

        void add(ProducerRecord<String, byte[]> record, EventMessage<?> event) {
            records.add(record);
            events.add(event);
        }

        void signSendAndAwait() {
            signing.accept(records);
            List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                EventMessage<?> event = events.get(i);
                sends.add(producer.send(records.get(i), (metadata, failure) -> {
                    if (failure == null) {
                        acknowledged.accept(event);
                    }
                }));
            }
            awaitAll(sends);
        }
    }

    private static void awaitAll(List<Future<RecordMetadata>> sends) {
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("an event was not acknowledged by Kafka; the batch will be sent again", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka", e);
            }
        }
    }
}
