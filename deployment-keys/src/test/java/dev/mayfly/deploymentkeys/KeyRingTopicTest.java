package dev.mayfly.deploymentkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.signing.SigningKeyRing;
import dev.mayfly.token.KeyRing;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The rings on a real broker: made once, followed by every process, never taken back to an older generation. */
class KeyRingTopicTest {

    private static final Duration CATCH_UP = Duration.ofSeconds(30);
    private final KafkaCluster kafka = KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers());
    private final KeyEncryptionKey kek = KeyEncryptionKey.parse(randomKey());

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private String newTopic() throws Exception {
        String topic = "keys-" + UUID.randomUUID();
        try (Admin admin = kafka.admin(Map.of())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    private KeyRingTopic caughtUp(String topic, KeyEncryptionKey key) throws Exception {
        KeyRingTopic rings = KeyRingTopic.follow(kafka, topic, key);
        assertThat(rings.awaitCaughtUp(CATCH_UP)).isTrue();
        return rings;
    }

    @Test
    void initWhenTheTopicIsEmptyThenEveryRingIsMadeOnceAndASecondInitKeepsThem() throws Exception {
        String topic = newTopic();
        try (KeyRingTopic first = caughtUp(topic, kek)) {
            List<KeysInit.Outcome> made = KeysInit.run(first, Set.of(), Map.of(), Instant.now());
            assertThat(made).extracting(KeysInit.Outcome::action).containsOnly(KeysInit.Action.CREATED);
            assertThat(made).hasSize(DeploymentRing.values().length);
        }
        try (KeyRingTopic second = caughtUp(topic, kek)) {
            List<KeysInit.Outcome> again = KeysInit.run(second, Set.of(), Map.of(), Instant.now());

            assertThat(again).extracting(KeysInit.Outcome::action).containsOnly(KeysInit.Action.KEPT);
            // each ring parses as what its users make of it
            KeyRing.parse(second.ring("session-token").orElseThrow().keys());
            KeyRing.parse(second.ring("credential-vault").orElseThrow().keys());
            SigningKeyRing.parse(second.ring("issuer-signing").orElseThrow().keys());
        }
    }

    @Test
    void rotateWhenEveryRotatableRingIsRotatedThenEachHasANewCurrentKeyAndKeepsThePreviousOneEverywhere() throws Exception {
        String topic = newTopic();
        try (KeyRingTopic operator = caughtUp(topic, kek); KeyRingTopic service = caughtUp(topic, kek)) {
            KeysInit.run(operator, Set.of(), Map.of(), Instant.now());
            for (DeploymentRing ring : java.util.Arrays.stream(DeploymentRing.values()).filter(RingRotation::rotatable).toList()) {
                RingRotation.Rotated rotated = RingRotation.rotate(operator, ring, Instant.now().plusMillis(5), CATCH_UP);

                assertThat(rotated.currentKeyId()).as(ring.ringName()).isNotEqualTo(rotated.previousKeyId());
                assertThat(rotated.after().keyIds()).as(ring.ringName()).containsExactly(rotated.previousKeyId(), rotated.currentKeyId());
                assertThat(rotated.after().generation()).isEqualTo(rotated.before().generation() + 1);
                awaitRing(service, rotated.after());
            }
        }
    }

    @Test
    void rotateWhenTheRingIsTheCredentialVaultsThenRefusedAndTheRingKept() throws Exception {
        try (KeyRingTopic rings = caughtUp(newTopic(), kek)) {
            KeysInit.run(rings, Set.of(), Map.of(), Instant.now());
            StoredRing before = rings.ring("credential-vault").orElseThrow();

            assertThatThrownBy(() -> RingRotation.rotate(rings, DeploymentRing.CREDENTIAL_VAULT, Instant.now(), CATCH_UP))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("credential-vault ring is not rotated");
            assertThat(rings.ring("credential-vault")).contains(before);
        }
    }

    @Test
    void rotateWhenTheRingIsMissingThenRefusedNamingKeysInit() throws Exception {
        try (KeyRingTopic empty = caughtUp(newTopic(), kek)) {
            assertThatThrownBy(() -> RingRotation.rotate(empty, DeploymentRing.AUDIT_DIGEST_SIGNING, Instant.now(), CATCH_UP))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("audit-digest-signing")
                    .hasMessageContaining("./mayfly keys init");
        }
    }

    /** Another process following the topic holds the ring within the deadline. */
    private static void awaitRing(KeyRingTopic follower, StoredRing expected) throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (!follower.ring(expected.name()).equals(java.util.Optional.of(expected))) {
            assertThat(System.nanoTime()).as("another follower holds " + expected).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void initWhenAnIssuerKeptKeyFilesThenTheyBecomeTheRingsAndWhatTheySealedStillOpens() throws Exception {
        String vaultFile = "# the issuer's file\n" + KeyRing.newKeyLine("k1") + KeyRing.newKeyLine("k2");
        byte[] sealed = new dev.mayfly.token.Aead(KeyRing.parse(vaultFile)).seal("secret".getBytes(), "row-1");
        String topic = newTopic();
        try (KeyRingTopic rings = caughtUp(topic, kek)) {
            assertThatThrownBy(() -> KeysInit.run(rings, Set.of(), Map.of("credential-vault", vaultFile, "issuer-signing", "e1:AAAA"),
                    Instant.now())).as("a 3-byte key is no Ed25519 ring").isInstanceOf(IllegalArgumentException.class);
            assertThat(rings.rings()).as("nothing written while a file is bad").isEmpty();

            List<KeysInit.Outcome> made = KeysInit.run(rings, Set.of(), Map.of("credential-vault", vaultFile), Instant.now());

            assertThat(made).filteredOn(outcome -> outcome.ring() == DeploymentRing.CREDENTIAL_VAULT)
                    .extracting(KeysInit.Outcome::action).containsExactly(KeysInit.Action.IMPORTED);
            StoredRing vault = rings.ring("credential-vault").orElseThrow();
            assertThat(vault.keyIds()).containsExactly("k1", "k2");
            assertThat(new String(new dev.mayfly.token.Aead(KeyRing.parse(vault.keys())).open(sealed, "row-1"))).isEqualTo("secret");
        }
    }

    @Test
    void initWhenForcedForOneRingThenOnlyThatRingIsReplaced() throws Exception {
        String topic = newTopic();
        try (KeyRingTopic rings = caughtUp(topic, kek)) {
            KeysInit.run(rings, Set.of(), Map.of(), Instant.now());
            StoredRing vault = rings.ring("credential-vault").orElseThrow();
            StoredRing token = rings.ring("session-token").orElseThrow();

            KeysInit.run(rings, Set.of("session-token"), Map.of(), Instant.now().plusMillis(5));

            assertThat(rings.ring("credential-vault")).contains(vault);
            assertThat(rings.ring("session-token").orElseThrow().generation()).isEqualTo(token.generation() + 1);
            assertThat(rings.ring("session-token").orElseThrow().keyIds()).doesNotContainAnyElementsOf(token.keyIds());
            assertThatThrownBy(() -> KeysInit.run(rings, Set.of("no-such-ring"), Map.of(), Instant.now()))
                    .hasMessageContaining("session-token");
        }
    }

    @Test
    void publishWhenOneProcessRotatesThenAnotherFollowsWithinSecondsAndKeepsTheOldKey() throws Exception {
        String topic = newTopic();
        try (KeyRingTopic rotator = caughtUp(topic, kek); KeyRingTopic other = caughtUp(topic, kek)) {
            KeysInit.run(rotator, Set.of(), Map.of(), Instant.now());
            StoredRing before = awaitGeneration(other, "session-token", 1);
            List<StoredRing> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            other.onChange(seen::add);

            StoredRing rotated = rotator.publish(DeploymentRing.SESSION_TOKEN.rotated(before, Instant.now().plusMillis(5)),
                    Duration.ofSeconds(10));

            StoredRing followed = awaitGeneration(other, "session-token", 2);
            assertThat(followed).isEqualTo(rotated);
            assertThat(followed.keyIds()).containsExactly(before.currentKeyId(), rotated.currentKeyId());
            assertThat(seen).contains(rotated);
        }
    }

    @Test
    void followWhenAnOlderGenerationIsPublishedAgainThenItIsRefused() throws Exception {
        String topic = newTopic();
        try (KeyRingTopic rings = caughtUp(topic, kek)) {
            KeysInit.run(rings, Set.of(), Map.of(), Instant.now());
            byte[] firstSealed = lastRecord(topic, "session-token");
            rings.publish(DeploymentRing.SESSION_TOKEN.rotated(rings.ring("session-token").orElseThrow(), Instant.now().plusMillis(5)),
                    Duration.ofSeconds(10));

            // whoever may write to Kafka, without the KEK, publishes the first ring again
            try (Producer<String, byte[]> attacker = kafka.producer(Map.of(), new StringSerializer(), new ByteArraySerializer())) {
                attacker.send(new ProducerRecord<>(topic, "session-token", firstSealed)).get(10, TimeUnit.SECONDS);
                attacker.send(new ProducerRecord<>(topic, "issuer-signing", firstSealed)).get(10, TimeUnit.SECONDS);
            }
            Thread.sleep(1500);

            assertThat(rings.ring("session-token").orElseThrow().generation()).isEqualTo(2);
            assertThat(rings.ring("issuer-signing").orElseThrow().keys()).as("a ring moved under another ring's name")
                    .isNotEqualTo(rings.ring("session-token").orElseThrow().keys());
        }
    }

    @Test
    void followWhenSealedUnderAnotherKeyEncryptionKeyThenTheRingIsMissingAndTheReasonNamesBothKeys() throws Exception {
        String topic = newTopic();
        try (KeyRingTopic rings = caughtUp(topic, kek)) {
            KeysInit.run(rings, Set.of(), Map.of(), Instant.now());
        }
        KeyEncryptionKey other = KeyEncryptionKey.parse(randomKey());
        try (KeyRingTopic wrongKey = caughtUp(topic, other)) {
            assertThat(wrongKey.ring("session-token")).isEmpty();
            assertThat(wrongKey.missing("session-token")).contains("./mayfly keys init").contains(kek.id()).contains(other.id());
            assertThatThrownBy(() -> KeysInit.run(wrongKey, Set.of(), Map.of(), Instant.now())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("--force");
        }
    }

    private static StoredRing awaitGeneration(KeyRingTopic rings, String name, long generation) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            var ring = rings.ring(name);
            if (ring.isPresent() && ring.get().generation() >= generation) {
                return ring.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " generation " + generation + " not followed");
    }

    private byte[] lastRecord(String topic, String key) {
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long end = consumer.endOffsets(partitions).get(partitions.getFirst());
            byte[] last = null;
            while (consumer.position(partitions.getFirst()) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        last = record.value();
                    }
                }
            }
            return last;
        }
    }
}
