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

/** Wires a {@link KafkaEventPublisher} on its own streaming processor, and maps events to {@link Topics#EVENTS}. */
public final class KafkaPublishing {

    private KafkaPublishing() {
    }

    /**
     * Registers a publisher on a pooled streaming processor of its own, reading the event store from its
     * beginning (the processor's token, in PostgreSQL, says how far it got).
     */
    public static void register(Configurer configurer, String processorName, KafkaEventPublisher publisher) {
        configurer.eventProcessing(processing -> processing
                .registerPooledStreamingEventProcessor(processorName, Configuration::eventStore,
                        (c, builder) -> builder.batchSize(100).initialSegmentCount(1)
                                .initialToken(source -> source.createTailToken()))
                .registerEventHandler(c -> publisher)
                .assignHandlerInstancesMatching(processorName, handler -> handler == publisher)
                .registerListenerInvocationErrorHandler(processorName, c -> PropagatingErrorHandler.instance())
                .registerErrorHandler(processorName, c -> PropagatingErrorHandler.instance()));
    }

    /** Every event as an {@link EventEnvelope} on mayfly.events, keyed by its account so that each account's events stay in order. */
    public static ProducerRecord<String, byte[]> toEventsTopic(EventMessage<?> event) {
        Object payload = event.getPayload();
        String accountId = payload instanceof AccountScoped scoped ? scoped.accountId() : null;
        String aggregateId = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        long sequence = event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0;
        return EventRecords.toEventsTopic(new EventEnvelope(event.getIdentifier(), event.getPayloadType().getSimpleName(),
                accountId, event.getTimestamp(), aggregateId == null || aggregateId.equals(event.getIdentifier()) ? null : aggregateId,
                sequence, Json.mapper().valueToTree(payload)));
    }
}
