package dev.mayfly.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.EventEnvelope;
import dev.mayfly.contract.Json;
import dev.mayfly.embedded.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KafkaPublishingTest {

    private final CountingSerializer serializer = new CountingSerializer(AxonConfiguration.serializer());
    private EventStoreDatabase database;
    private JdbcEventStorageEngine engine;

    /** The store's serializer, counting the payloads it deserializes. */
    private static final class CountingSerializer implements Serializer {
        private final Serializer delegate;
        final AtomicInteger deserialized = new AtomicInteger();

        CountingSerializer(Serializer delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
            return delegate.serialize(object, expectedRepresentation);
        }

        @Override
        public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
            return delegate.canSerializeTo(expectedRepresentation);
        }

        @Override
        public <S, T> T deserialize(SerializedObject<S> serializedObject) {
            deserialized.incrementAndGet();
            return delegate.deserialize(serializedObject);
        }

        @Override
        public Class classForType(SerializedType type) {
            return delegate.classForType(type);
        }

        @Override
        public SerializedType typeForClass(Class type) {
            return delegate.typeForClass(type);
        }

        @Override
        public Converter getConverter() {
            return delegate.getConverter();
        }
    }

    @BeforeEach
    void openStore() {
        database = EventStoreDatabase.open(new DatabaseSettings(SharedInfrastructure.postgres().database("kafka_publishing"), "postgres",
                "postgres", 2), "kafka-publishing");
        engine = AxonConfiguration.storageEngine(AxonConfiguration.connections(database.dataSource()), serializer,
                new MinimumInterval(Duration.ofMillis(10)));
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    private TrackedEventMessage<?> storedAndReadBack(ApiCallRecorded call) {
        engine.appendEvents(new GenericEventMessage<>(call.eventId(), call, MetaData.emptyInstance(), call.eventTime()));
        try (var events = engine.readEvents(null, false)) {
            return events.filter(event -> event.getIdentifier().equals(call.eventId())).findFirst().orElseThrow();
        }
    }

    @Test
    void toEventsTopicWhenEventReadFromTheStoreThenItsPayloadIsPublishedWithoutTheMessageKeepingADeserializedCopy() throws Exception {
        ApiCallRecorded call = new ApiCallRecorded(UUID.randomUUID().toString(), Instant.parse("2026-12-02T14:00:00Z"),
                "sts.amazonaws.com", "GetCallerIdentity", "us-east-1", "192.0.2.1", "test", "req-1", null,
                Map.of("durationSeconds", "900"), null, null, null, List.of(), true, "123456789012");
        TrackedEventMessage<?> cached = storedAndReadBack(call);
        serializer.deserialized.set(0);

        ProducerRecord<String, byte[]> record = KafkaPublishing.toEventsTopic(cached, serializer);

        EventEnvelope envelope = Json.mapper().readValue(record.value(), EventEnvelope.class);
        assertThat(Json.mapper().treeToValue(envelope.payload(), ApiCallRecorded.class)).isEqualTo(call);
        assertThat(record.key()).isEqualTo("123456789012");
        assertThat(serializer.deserialized).as("the publisher's own copy").hasValue(1);
        cached.getPayload();
        assertThat(serializer.deserialized).as("the message had not kept one: asked, it deserializes its own").hasValue(2);
    }
}
