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
import dev.mayfly.kafka.signed.BatchProof;
import dev.mayfly.kafka.signed.BatchSigner;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.kafka.signed.RecordVerifier;
import dev.mayfly.kafka.signed.RefusedRecords;
import dev.mayfly.kafka.signed.SignedMessage;
import dev.mayfly.signing.VerifiedSignatures;
import dev.mayfly.signing.SigningKeyRing;
import dev.mayfly.runtime.KafkaProducers;
import dev.mayfly.runtime.KafkaTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
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
        return startAxon(database, bootstrapServers, keep, pace, SigningKeyRing.parse(SigningKeyRing.newKeyLine(Instant.now())));
    }

    /** Batched, signing each batch once, as the issuer publishes mayfly.events; immediate, signing each record, as revocations are. */
    private static Configuration startAxon(String database, String bootstrapServers, EventStoreDatabase[] keep, KafkaPublishing.Pace pace,
                                           SigningKeyRing keys) {
        EventStoreDatabase db = EventStoreDatabase.open(new DatabaseSettings(
                SharedInfrastructure.postgres().database(database), "postgres", "postgres", 4), database);
        keep[0] = db;
        var configurer = AxonConfiguration.configurer(db.dataSource());
        var producer = KafkaProducers.reliable(KafkaCluster.plaintext(bootstrapServers), database);
        RecordSigner signer = new RecordSigner(keys, Clock.systemUTC());
        KafkaPublishing.register(configurer, "kafka-publisher", pace == KafkaPublishing.Pace.BATCHED
                ? new KafkaEventPublisher(producer, new BatchSigner(signer), KafkaPublishing::toEventsTopic)
                : new KafkaEventPublisher(producer, signer, KafkaPublishing::toEventsTopic), pace);
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
        List<EventEnvelope> seen = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumeRecords(bootstrapServers, account, expected, within)) {
            seen.add(Json.mapper().readValue(record.value(), EventEnvelope.class));
        }
        return seen;
    }

    /** The account's records, until as many distinct events as expected arrived or the time is up. */
    private static List<ConsumerRecord<String, byte[]>> consumeRecords(String bootstrapServers, String account, int expected,
                                                                       Duration within) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.EVENTS));
            Instant deadline = Instant.now().plus(within);
            while (Instant.now().isBefore(deadline) && seen.stream().map(KafkaEventPublisherTest::eventId).distinct().count() < expected) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (account.equals(record.key())) {
                        seen.add(record);
                    }
                }
            }
        }
        return seen;
    }

    private static String eventId(ConsumerRecord<String, byte[]> record) {
        try {
            return Json.mapper().readValue(record.value(), EventEnvelope.class).eventId();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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

    @Test
    void publishWhenABatchOfEventsIsSignedOnceThenEachRecordVerifiesAloneAndTheBatchSignatureIsVerifiedOnce() throws Exception {
        String bootstrap = SharedInfrastructure.kafka().bootstrapServers();
        KafkaTopics.ensure(KafkaCluster.plaintext(bootstrap), KafkaTopics.mayflyTopics(3, (short) 1));
        SigningKeyRing keys = SigningKeyRing.parse(SigningKeyRing.newKeyLine(Instant.now()));
        EventStoreDatabase[] db = new EventStoreDatabase[1];
        Configuration axon = startAxon("publisher_batch_signed", bootstrap, db, KafkaPublishing.Pace.BATCHED, keys);
        String account = "111111111113";
        try {
            // committed at once, so that the processor reads them in one batch, or a few (its work package takes what came)
            DefaultUnitOfWork.startAndGet(null).execute(() -> {
                for (int n = 0; n < 12; n++) {
                    axon.eventBus().publish(GenericEventMessage.asEventMessage(new Happened(account, n)));
                }
            });
            List<ConsumerRecord<String, byte[]>> records = consumeRecords(bootstrap, account, 12, Duration.ofSeconds(30));
            assertThat(records).hasSize(12);

            Map<String, List<BatchProof>> batches = records.stream().collect(Collectors.groupingBy(
                    record -> Arrays.toString(record.headers().lastHeader(SignedMessage.HEADER_SIGNATURE).value()),
                    Collectors.mapping(record -> BatchProof.parse(record.headers().lastHeader(SignedMessage.HEADER_BATCH).value()).orElseThrow(),
                            Collectors.toList())));
            assertThat(batches.size()).as("records share their batch's signature").isLessThan(12);
            assertThat(batches.values()).allSatisfy(proofs -> {
                assertThat(proofs).extracting(BatchProof::size).as("one tree per signature").containsOnly(proofs.size());
                assertThat(proofs).extracting(BatchProof::index).as("in the order sent")
                        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, proofs.size()).boxed().toList());
            });
            VerifiedSignatures verified = new VerifiedSignatures();
            RefusedRecords refused = new RefusedRecords();
            RecordVerifier verifier = new RecordVerifier(List.of(keys.publicKeys()), refused, verified);
            for (ConsumerRecord<String, byte[]> record : records.reversed()) {
                assertThat(verifier.verify(record)).as("each record alone, in any order").isPresent();
            }
            assertThat(verified.reused()).as("one Ed25519 verification a batch").isEqualTo(12 - batches.size());
            assertThat(refused.count(Topics.EVENTS)).isZero();
            assertThat(records).extracting(record -> Json.mapper().readValue(record.value(), EventEnvelope.class).payload().get("n").asInt())
                    .as("in the order they were stored").containsExactlyElementsOf(java.util.stream.IntStream.range(0, 12).boxed().toList());
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
