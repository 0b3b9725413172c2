package dev.mayfly.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.AccountScoped;
import dev.mayfly.contract.EventEnvelope;
import dev.mayfly.contract.Json;
import dev.mayfly.contract.Topics;
import dev.mayfly.embedded.EmbeddedKafka;
import dev.mayfly.embedded.FreePorts;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.signing.SigningKeyRing;
import dev.mayfly.runtime.KafkaProducers;
import dev.mayfly.runtime.KafkaTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

class KafkaEventPublisherTest {

    record Happened(String accountId, int n) implements AccountScoped {
    }

    private static Configuration startAxon(String database, String bootstrapServers, EventStoreDatabase[] keep, KafkaPublishing.Pace pace) {
        EventStoreDatabase db = EventStoreDatabase.open(new DatabaseSettings(
                SharedInfrastructure.postgres().database(database), "postgres", "postgres", 4), database);
        keep[0] = db;
        var configurer = AxonConfiguration.configurer(db.dataSource());
        KafkaPublishing.register(configurer, "kafka-publisher",
                new KafkaEventPublisher(KafkaProducers.reliable(KafkaCluster.plaintext(bootstrapServers), database),
                        new RecordSigner(SigningKeyRing.parse(SigningKeyRing.newKeyLine(Instant.now())), Clock.systemUTC()),
                        KafkaPublishing::toEventsTopic), pace);
        return configurer.start();
    }

    private static void publish(Configuration axon, String account, int from, int to) {
        for (int n = from; n < to; n++) {
            int value = n;
            DefaultUnitOfWork.startAndGet(null).execute(() ->
                    axon.eventBus().publish(GenericEventMessage.asEventMessage(new Happened(account, value))));
        }
    }

    private static List<EventEnvelope> consume(String bootstrapServers, String account, int expected, Duration within) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<EventEnvelope> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.EVENTS));
            Instant deadline = Instant.now().plus(within);
            while (Instant.now().isBefore(deadline) && seen.stream().map(EventEnvelope::eventId).distinct().count() < expected) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(account)) {
                        seen.add(Json.mapper().readValue(record.value(), EventEnvelope.class));
                    }
                }
            }
        }
        return seen;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(KafkaPublishing.Pace.class)
    void publishWhenEventsStoredThenEachReachesKafkaInOrderWithItsAccountAsKey(KafkaPublishing.Pace pace) throws Exception {
        String bootstrap = SharedInfrastructure.kafka().bootstrapServers();
        KafkaTopics.ensure(KafkaCluster.plaintext(bootstrap), KafkaTopics.mayflyTopics(3, (short) 1));
        EventStoreDatabase[] db = new EventStoreDatabase[1];
        Configuration axon = startAxon("publisher_order_" + pace.name().toLowerCase(java.util.Locale.ROOT), bootstrap, db, pace);
        String account = pace == KafkaPublishing.Pace.IMMEDIATE ? "111111111111" : "111111111112";
        try {
            publish(axon, account, 0, 50);
            List<EventEnvelope> seen = consume(bootstrap, account, 50, Duration.ofSeconds(30));
            assertThat(seen).extracting(e -> e.payload().get("n").asInt()).containsExactlyElementsOf(
                    java.util.stream.IntStream.range(0, 50).boxed().toList());
            assertThat(seen).allSatisfy(e -> {
                assertThat(e.type()).isEqualTo("Happened");
                assertThat(e.accountId()).isEqualTo(account);
            });
        } finally {
            axon.shutdown();
            db[0].close();
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(KafkaPublishing.Pace.class)
    void publishWhenKafkaWasDownThenEveryEventArrivesAfterItReturns(KafkaPublishing.Pace pace) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "kafka-outage-");
        int port = FreePorts.next();
        EmbeddedKafka broker = EmbeddedKafka.start(dir, port);
        KafkaTopics.ensure(KafkaCluster.plaintext(broker.bootstrapServers()), KafkaTopics.mayflyTopics(1, (short) 1));
        EventStoreDatabase[] db = new EventStoreDatabase[1];
        Configuration axon = startAxon("publisher_outage_" + pace.name().toLowerCase(java.util.Locale.ROOT), broker.bootstrapServers(), db, pace);
        try {
            publish(axon, "222222222222", 0, 10);
            assertThat(consume(broker.bootstrapServers(), "222222222222", 10, Duration.ofSeconds(30))).hasSize(10);
            broker.close();
            publish(axon, "222222222222", 10, 30);   // stored while the broker is down
            broker = EmbeddedKafka.start(dir, port);
            List<EventEnvelope> seen = consume(broker.bootstrapServers(), "222222222222", 30, Duration.ofSeconds(90));
            assertThat(seen.stream().map(e -> e.payload().get("n").asInt()).distinct().sorted().toList())
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 30).boxed().toList());
        } finally {
            axon.shutdown();
            db[0].close();
            broker.close();
        }
    }
}
