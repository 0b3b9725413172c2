package dev.mayfly.deploymentkeys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.signing.SigningKeyRing;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** Another service's public keys followed on mayfly.keys: trusted as its ring is, rotations included, nothing else. */
class RingPublicKeysTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final byte[] MESSAGE = "a record".getBytes(StandardCharsets.UTF_8);
    private final KafkaCluster kafka = KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers());
    private final KeyEncryptionKey kek = KeyEncryptionKey.parse(randomKey());

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private KeyRingTopic caughtUp() throws Exception {
        String topic = "keys-" + UUID.randomUUID();
        try (Admin admin = kafka.admin(Map.of())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        KeyRingTopic rings = KeyRingTopic.follow(kafka, topic, kek);
        assertThat(rings.awaitCaughtUp(TIMEOUT)).isTrue();
        return rings;
    }

    private static boolean verifies(RingPublicKeys keys, SigningKeyRing signer) {
        SigningKeyRing.Signature signature = signer.sign(MESSAGE);
        return keys.verify(signature.keyId(), MESSAGE, signature.bytes());
    }

    @Test
    void verifyWhenSignedByTheRingsKeyThenTrueAndByAnyOtherKeyThenFalse() throws Exception {
        try (KeyRingTopic rings = caughtUp()) {
            StoredRing stored = rings.publish(DeploymentRing.ISSUER_SIGNING.fresh(Instant.now()), TIMEOUT);
            RingPublicKeys keys = RingPublicKeys.follow(rings, DeploymentRing.ISSUER_SIGNING);

            assertThat(verifies(keys, SigningKeyRing.parse(stored.keys()))).isTrue();
            assertThat(verifies(keys, SigningKeyRing.parse(DeploymentRing.ISSUER_SIGNING.fresh(Instant.now()).keys())))
                    .as("another ring's key, whatever its id").isFalse();
        }
    }

    @Test
    void verifyWhenTheRingIsRotatedThenTheNewKeyAndTheRetiredOneAreTrusted() throws Exception {
        try (KeyRingTopic rings = caughtUp()) {
            StoredRing before = rings.publish(DeploymentRing.REVOCATION_SIGNING.fresh(Instant.now().minusSeconds(60)), TIMEOUT);
            RingPublicKeys keys = RingPublicKeys.follow(rings, DeploymentRing.REVOCATION_SIGNING);

            StoredRing after = RingRotation.rotate(rings, DeploymentRing.REVOCATION_SIGNING, Instant.now(), TIMEOUT).after();

            assertThat(verifies(keys, SigningKeyRing.parse(after.keys()))).as("the new current key").isTrue();
            assertThat(verifies(keys, SigningKeyRing.parse(before.keys()))).as("the retired key, still in the ring").isTrue();
        }
    }

    @Test
    void verifyWhenTheRingIsMissingThenNothingIsTrustedUntilItIsMade() throws Exception {
        try (KeyRingTopic rings = caughtUp()) {
            RingPublicKeys keys = RingPublicKeys.follow(rings, DeploymentRing.ISSUER_SIGNING);
            StoredRing made = DeploymentRing.ISSUER_SIGNING.fresh(Instant.now());
            SigningKeyRing signer = SigningKeyRing.parse(made.keys());

            assertThat(verifies(keys, signer)).isFalse();
            rings.publish(made, TIMEOUT);
            assertThat(verifies(keys, signer)).isTrue();
        }
    }
}
