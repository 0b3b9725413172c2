package dev.mayfly.eventstore;

import dev.mayfly.contract.AccountScoped;
import dev.mayfly.contract.EventEnvelope;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.EventRecords;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;

/** Wires a {@link KafkaEventPublisher} on its own streaming processor, and maps events to {@link Topics#EVENTS}. */
public final class KafkaPublishing {

    private KafkaPublishing() {
    }

    /** One idempotent producer that waits for every in-sync replica: no duplicate from retries, no loss on a broker failure. */
    public static Producer<String, byte[]> producer(String bootstrapServers, String clientId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
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
