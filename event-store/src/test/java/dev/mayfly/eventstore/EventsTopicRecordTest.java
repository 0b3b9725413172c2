package dev.mayfly.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.AccountScoped;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.Json;
import dev.mayfly.contract.Topics;
import dev.mayfly.embedded.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the publisher makes of events it reads back from the store: the same records as of the events in memory. */
class EventsTopicRecordTest {

    record Renamed(String account, String name, Instant at, Map<String, String> tags) implements AccountScoped {
        @Override
        public String accountId() {
            return account;
        }
    }

    private EventStoreDatabase database;
    private BatchingEventStorageEngine engine;
    private ApiCallRecorder recorder;

    @BeforeEach
    void openStore() {
        database = EventStoreDatabase.open(new DatabaseSettings(SharedInfrastructure.postgres().database("events_topic_record"), "postgres",
                "postgres", 4), "events-topic-record");
        engine = AxonConfiguration.storageEngine(AxonConfiguration.connections(database.dataSource()), AxonConfiguration.serializer(),
                new MinimumInterval(Duration.ofMillis(10)));
        recorder = new ApiCallRecorder(EmbeddedEventStore.builder().storageEngine(engine).build());
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    private void recorded(ApiCallRecorded call) {
        UnitsOfWork.inTransaction(() -> {
            recorder.record(call);
            return null;
        });
    }

    private TrackedEventMessage<?> storedAndReadBack(String eventId) {
        return engine.readBatch(null).stream().filter(event -> event.getIdentifier().equals(eventId)).findFirst().orElseThrow();
    }

    private static JsonNode valueOf(ProducerRecord<String, byte[]> record) throws Exception {
        return Json.mapper().readTree(record.value());
    }

    @Test
    void toEventsTopicWhenApiCallReadFromStoreThenRecordIsTheOneItsObjectMakes() throws Exception {
        String eventId = UUID.randomUUID().toString();
        ApiCallRecorded call = ApiCallSamples.getCallerIdentity(eventId);
        recorded(call);

        ProducerRecord<String, byte[]> stored = KafkaPublishing.toEventsTopic(storedAndReadBack(eventId));

        assertThat(stored.key()).isEqualTo("123456789012");
        JsonNode value = valueOf(stored);
        assertThat(value.get("payload")).isEqualTo(Json.mapper().valueToTree(call));
        assertThat(value.get("type").asText()).isEqualTo("ApiCallRecorded");
        assertThat(value.get("accountId").asText()).isEqualTo("123456789012");
        assertThat(new String(stored.headers().lastHeader(Topics.HEADER_EVENT_ID).value())).isEqualTo(eventId);
    }

    @Test
    void toEventsTopicWhenDomainEventReadFromStoreThenItsAccountComesFromItsPayload() throws Exception {
        Renamed renamed = new Renamed("210987654321", "ünïcode \"quoted\"", Instant.parse("2026-12-07T05:40:00Z"), Map.of("k", "v"));
        String eventId = UUID.randomUUID().toString();
        UnitsOfWork.inTransaction(() -> {
            engine.appendEvents(List.of(new GenericDomainEventMessage<>("Renamed", "role-1", 0, renamed, org.axonframework.messaging.MetaData.emptyInstance(),
                    eventId, Instant.now())));
            return null;
        });

        ProducerRecord<String, byte[]> stored = KafkaPublishing.toEventsTopic(storedAndReadBack(eventId));

        assertThat(stored.key()).isEqualTo("210987654321");
        JsonNode value = valueOf(stored);
        assertThat(value.get("payload")).isEqualTo(Json.mapper().valueToTree(renamed));
        assertThat(value.get("aggregateId").asText()).isEqualTo("role-1");
    }

    @Test
    void toEventsTopicWhenApiCallOfNoAccountThenKeyedAsNoAccount() {
        String eventId = UUID.randomUUID().toString();
        ApiCallRecorded anonymous = new ApiCallRecorded(eventId, Instant.now(), "sts.amazonaws.com", "GetCallerIdentity", "us-east-1",
                "192.0.2.1", "test", "req-" + eventId, null, Map.of(), null, "AccessDenied", null, List.of(), true, null);
        recorded(anonymous);

        assertThat(KafkaPublishing.toEventsTopic(storedAndReadBack(eventId)).key()).isEqualTo(Topics.NO_ACCOUNT_KEY);
    }
}
