package dev.mayfly.eventstore;

import dev.mayfly.contract.AccountScoped;
import dev.mayfly.contract.EventEnvelope;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.EventRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;

/** Wires a {@link KafkaEventPublisher} on its own streaming processor, and maps events to {@link Topics#EVENTS}. */
public final class KafkaPublishing {

    /** Events a batched publisher takes at once; the event store reads its stream in batches of as many. */
    static final int BATCH_SIZE = 500;

    private KafkaPublishing() {
    }

    /** How a publisher trades latency for throughput. */
    public enum Pace {
        /**
         * A tracking processor waiting on the event store's stream, which events committed in this process wake at once:
         * for rules that must take effect everywhere within a second (tens of milliseconds here).
         */
        IMMEDIATE,
        /**
         * A pooled streaming processor on a stream of its own ({@link StorageEngineSource}), woken by each commit in
         * this process, which publishes whatever gathered meanwhile in one batch: for the stream of every call, where
         * a busy issuer's commits would otherwise compete with a token update per event. Up to 500 events a batch: a
         * publisher that fell behind (a collection pause, a cold JVM) catches up with few token updates and Kafka
         * round trips.
         */
        BATCHED
    }

    /**
     * Registers a publisher on a processor of its own, reading the event store from its beginning (the processor's
     * token, in PostgreSQL, says how far it got).
     */
    public static void register(Configurer configurer, String processorName, KafkaEventPublisher publisher, Pace pace) {
        configurer.eventProcessing(processing -> {
            if (pace == Pace.IMMEDIATE) {
                processing.registerTrackingEventProcessor(processorName, Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(100)
                                .andInitialTrackingToken(source -> source.createTailToken()));
            } else {
                processing.registerPooledStreamingEventProcessor(processorName,
                        c -> new StorageEngineSource(c.getComponent(BatchingEventStorageEngine.class),
                                new CommitSignal().attachTo(c.eventBus()), AxonConfiguration.TAILING_READ_PACE),
                        (c, builder) -> builder.batchSize(BATCH_SIZE).initialSegmentCount(1).initialToken(source -> source.createTailToken()));
            }
            processing.registerEventHandler(c -> publisher)
                    .assignHandlerInstancesMatching(processorName, handler -> handler == publisher)
                    .registerListenerInvocationErrorHandler(processorName, c -> PropagatingErrorHandler.instance())
                    .registerErrorHandler(processorName, c -> PropagatingErrorHandler.instance());
        });
    }

    /**
     * Every event as an {@link EventEnvelope} on mayfly.events, keyed by its account so that each account's events stay in
     * order. The envelope carries the payload's JSON as the event store holds it: an event read from the store is not
     * read into an object, turned into a tree and written again (a fifth of the publisher's work under load). An API
     * call's account comes from its metadata; other events (and calls stored before they had it) are read for it.
     */
    public static ProducerRecord<String, byte[]> toEventsTopic(EventMessage<?> event) {
        String accountId = accountOf(event);
        byte[] payload = event.serializePayload(AxonConfiguration.serializer(), byte[].class).getData();
        String aggregateId = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        long sequence = event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0;
        return EventRecords.toEventsTopic(new EventEnvelope(event.getIdentifier(), event.getPayloadType().getSimpleName(),
                accountId, event.getTimestamp(), aggregateId == null || aggregateId.equals(event.getIdentifier()) ? null : aggregateId,
                sequence, Json.written(payload)));
    }

    private static String accountOf(EventMessage<?> event) {
        if (event.getMetaData().get(ApiCallRecorder.ACCOUNT_ID) instanceof String accountId) {
            return accountId;
        }
        return event.getPayload() instanceof AccountScoped scoped ? scoped.accountId() : null;
    }
}
