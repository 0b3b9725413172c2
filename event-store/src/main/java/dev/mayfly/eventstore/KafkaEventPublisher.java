package dev.mayfly.eventstore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import dev.mayfly.kafka.signed.RecordSigner;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Publishes every event its processor reads from the event store to Kafka, at least once and in order, each record
 * signed with the service's key (consumers refuse records no producer of the topic signed).
 *
 * <p>Sends are asynchronous; before the processor commits a batch's token it waits for every send of the
 * batch, and any failure rolls the batch back so that the processor reads and sends it again. A Kafka
 * outage therefore delays events and never loses them; consumers drop redelivered ones by event id.
 * Register it on its own streaming processor with a propagating error handler (see {@link KafkaPublishing}).
 */
public final class KafkaEventPublisher {

    private static final String PENDING = KafkaEventPublisher.class.getName() + ".pending";
    private static final long SEND_TIMEOUT_SECONDS = 60;

    private final Producer<String, byte[]> producer;
    private final RecordSigner signer;
    private final RecordMapper mapper;
    private final Consumer<EventMessage<?>> acknowledged;

    public KafkaEventPublisher(Producer<String, byte[]> producer, RecordSigner signer, RecordMapper mapper) {
        this(producer, signer, mapper, event -> { });
    }

    /**
     * @param acknowledged told of each event Kafka acknowledged (on the producer's thread: it must not block); from then
     *                     on every consumer of the topic will read it, even if the batch is sent again
     */
    public KafkaEventPublisher(Producer<String, byte[]> producer, RecordSigner signer, RecordMapper mapper,
                               Consumer<EventMessage<?>> acknowledged) {
        this.producer = producer;
        this.signer = signer;
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
            pendingSends().add(producer.send(signer.sign(record), (metadata, failure) -> {
                if (failure == null) {
                    acknowledged.accept(event);
                }
            }));
        }
    }

    private static List<Future<RecordMetadata>> pendingSends() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(PENDING, key -> {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            root.onPrepareCommit(u -> awaitAll(sends));
            return sends;
        });
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
