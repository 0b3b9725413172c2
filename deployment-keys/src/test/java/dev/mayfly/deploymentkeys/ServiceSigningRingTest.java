package dev.mayfly.deploymentkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.contract.Topics;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.signing.PublicKeyRing;
import dev.mayfly.signing.PublishedKeyRing;
import dev.mayfly.signing.SigningKeyRing;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service's signing ring on mayfly.keys (the revocation service's, the audit service's): refused when missing rather than
 * made, published to the service's public file, and followed when it changes. Its own topic, mayfly.keys, in this JVM.
 */
class ServiceSigningRingTest {

    private static final KafkaCluster KAFKA = KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers());
    private static final String KEK = randomKey();

    @TempDir
    Path home;

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @BeforeAll
    static void createTopic() throws Exception {
        try (Admin admin = KAFKA.admin(Map.of())) {
            admin.createTopics(List.of(new NewTopic(Topics.KEYS, 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private KeyEncryptionKeySource source() {
        return source(KEK);
    }

    private KeyEncryptionKeySource source(String kek) {
        return KeyEncryptionKeySource.from(Map.of(KeyEncryptionKeySource.VALUE, kek)::get, home.resolve("key-encryption.key"));
    }

    private PublishedKeyRing files() {
        return new PublishedKeyRing(home.resolve("revocation-signing.keys"), home.resolve("revocation-signing.pub"));
    }

    @Test
    void openWhenTheRingIsMissingThenRefusedNamingKeysInitAndNoKeyIsMade() {
        // a key-encryption key no ring was sealed under: for it, every ring is missing
        assertThatThrownBy(() -> ServiceSigningRing.open(source(randomKey()), KAFKA, DeploymentRing.AUDIT_FEED_SIGNING, files(),
                Instant.now()))
                .hasMessageContaining("audit-feed-signing").hasMessageContaining("./mayfly keys init");
        assertThat(home.resolve("revocation-signing.keys")).doesNotExist();
    }

    @Test
    void openWhenTheRingIsReplacedThenItsUserSignsWithTheNewOneAndThePublicFileHoldsIt() throws Exception {
        try (KeyRingTopic topic = KeyRingTopic.follow(KAFKA, KeyEncryptionKey.parse(KEK))) {
            assertThat(topic.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            KeysInit.run(topic, Set.of(), Map.of(), Instant.now());
            try (ServiceSigningRing ring = ServiceSigningRing.open(source(), KAFKA, DeploymentRing.REVOCATION_SIGNING, files(), Instant.now())) {
                AtomicReference<SigningKeyRing> inUse = new AtomicReference<>();
                ring.whenChanged(inUse::set);
                String first = inUse.get().currentKeyId();
                assertThat(PublicKeyRing.load(home.resolve("revocation-signing.pub")).holds(first)).isTrue();
                assertThat(home.resolve("revocation-signing.keys")).as("the private ring stays on the topic").doesNotExist();

                StoredRing rotated = topic.publish(DeploymentRing.REVOCATION_SIGNING.rotated(topic.ring("revocation-signing").orElseThrow(),
                        Instant.now().plusMillis(5)), Duration.ofSeconds(10));

                Instant deadline = Instant.now().plusSeconds(20);
                while (!inUse.get().currentKeyId().equals(rotated.currentKeyId()) && Instant.now().isBefore(deadline)) {
                    Thread.sleep(50);
                }
                assertThat(inUse.get().currentKeyId()).isEqualTo(rotated.currentKeyId());
                PublicKeyRing published = PublicKeyRing.load(home.resolve("revocation-signing.pub"));
                assertThat(published.holds(first)).isTrue();
                assertThat(published.holds(rotated.currentKeyId())).isTrue();
            }
        }
    }
}
