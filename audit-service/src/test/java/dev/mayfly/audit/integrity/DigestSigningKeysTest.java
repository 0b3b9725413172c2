package dev.mayfly.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import dev.mayfly.deploymentkeys.DeploymentRing;
import dev.mayfly.deploymentkeys.KeyEncryptionKey;
import dev.mayfly.deploymentkeys.KeyEncryptionKeySource;
import dev.mayfly.deploymentkeys.KeyRingTopic;
import dev.mayfly.deploymentkeys.KeysInit;
import dev.mayfly.deploymentkeys.StoredRing;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.runtime.KafkaTopics;
import dev.mayfly.signing.SigningKeyRing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The digest key of several audit processes: the audit-digest-signing ring on mayfly.keys (the shared broker of this
 * JVM), the same key in every process given the same key-encryption key, each listing every key of the ring.
 */
class DigestSigningKeysTest {

    private static final Instant PERIOD = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path home;
    private KafkaCluster kafka;
    /** A key-encryption key of this test's own: for it, no ring exists until the test makes it. */
    private final String kek = randomKey();

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @BeforeEach
    void topics() {
        kafka = KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers());
        KafkaTopics.ensure(kafka, KafkaTopics.mayflyTopics(3, (short) 1));
    }

    private KeyEncryptionKeySource source() {
        return KeyEncryptionKeySource.from(Map.of(KeyEncryptionKeySource.VALUE, kek)::get, home.resolve("key-encryption.key"));
    }

    /** An audit process's digest keys, its key file in a directory of its own. */
    private DigestSigningKeys open(String process) throws Exception {
        Files.createDirectories(home.resolve(process));
        return DigestSigningKeys.open(source(), kafka, home.resolve(process).resolve("audit-signing.key"), Clock.systemUTC());
    }

    private KeyRingTopic topic() throws Exception {
        KeyRingTopic topic = KeyRingTopic.follow(kafka, KeyEncryptionKey.parse(kek));
        assertThat(topic.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
        return topic;
    }

    /**
     * The ring as ./mayfly keys init makes it, under this test's key-encryption key alone (keys init itself stops at the
     * rings other tests of this JVM sealed under theirs on the same topic).
     */
    private static void made(KeyRingTopic topic) throws Exception {
        topic.publish(DeploymentRing.AUDIT_DIGEST_SIGNING.fresh(Instant.now()), Duration.ofSeconds(10));
    }

    private static Digest unsigned(String fingerprint) {
        return new Digest("111122223333", PERIOD, PERIOD.plusSeconds(3600), 0, true,
                List.of(new Digest.Entry("e1", PERIOD.toString(), "ab".repeat(32))), null, fingerprint, DigestSigner.ALGORITHM,
                PERIOD.plusSeconds(3700), null);
    }

    /** ListPublicKeys as an auditor calls it, over the window (whole seconds, as the API takes it); the keys by fingerprint. */
    private static Map<String, byte[]> listed(DigestSigningKeys keys, Instant start, Instant end) throws Exception {
        JsonNode request = Json.mapper().createObjectNode().put("StartTime", start.getEpochSecond()).put("EndTime", end.getEpochSecond() + 1);
        JsonNode response = IntegrityOperations.listPublicKeys(keys::history, Clock.systemUTC()).handler().handle("111122223333", request);
        Map<String, byte[]> byFingerprint = new java.util.HashMap<>();
        response.path("PublicKeyList").forEach(key -> byFingerprint.put(key.path("Fingerprint").asText(),
                Base64.getDecoder().decode(key.path("Value").asText())));
        return byFingerprint;
    }

    @Test
    void openWhenTwoProcessesShareTheKeyEncryptionKeyThenOneDigestKeyAndEachValidatesTheOthersDigests() throws Exception {
        try (KeyRingTopic topic = topic()) {
            made(topic);
            try (DigestSigningKeys active = open("active"); DigestSigningKeys standby = open("standby")) {
                assertThat(active.signer().keyId()).isEqualTo(standby.signer().keyId())
                        .isEqualTo(topic.ring("audit-digest-signing").orElseThrow().currentKeyId());
                assertThat(active.signer().fingerprint()).isEqualTo(standby.signer().fingerprint());
                assertThat(home.resolve("active").resolve("audit-signing.key")).as("the private key stays on the topic").doesNotExist();

                Digest sealed = active.signer().sign(unsigned(active.signer().fingerprint()));
                Map<String, byte[]> standbyLists = listed(standby, Instant.now().minusSeconds(60), Instant.now());
                assertThat(DigestSigner.verify(sealed, standbyLists.get(sealed.keyFingerprint()))).isTrue();
            }
        }
    }

    @Test
    void openWhenTheRingIsRotatedThenTheNewKeySignsAndDigestsOfTheOldStillValidate() throws Exception {
        try (KeyRingTopic topic = topic()) {
            made(topic);
            try (DigestSigningKeys active = open("active"); DigestSigningKeys standby = open("standby")) {
                Instant before = Instant.now().minusSeconds(60);
                // named by the key before the rotation, as a digest sealed just as the ring changes is
                String oldFingerprint = active.signer().fingerprint();
                Digest byOldKey = active.signer().sign(unsigned(oldFingerprint));
                StoredRing rotated = topic.publish(DeploymentRing.AUDIT_DIGEST_SIGNING.rotated(topic.ring("audit-digest-signing").orElseThrow(),
                        Instant.now().plusMillis(5)), Duration.ofSeconds(10));
                Instant deadline = Instant.now().plusSeconds(20);
                while (!(active.signer().keyId().equals(rotated.currentKeyId()) && standby.signer().keyId().equals(rotated.currentKeyId()))
                        && Instant.now().isBefore(deadline)) {
                    Thread.sleep(50);
                }
                assertThat(standby.signer().keyId()).isEqualTo(active.signer().keyId()).isEqualTo(rotated.currentKeyId());
                Digest byNewKey = active.signer().sign(unsigned(oldFingerprint));
                assertThat(byNewKey.keyFingerprint()).as("named by the key that signed it").isNotEqualTo(oldFingerprint)
                        .isEqualTo(standby.signer().fingerprint());

                Map<String, byte[]> standbyLists = listed(standby, before, Instant.now());
                assertThat(standbyLists).hasSize(2);
                assertThat(DigestSigner.verify(byOldKey, standbyLists.get(byOldKey.keyFingerprint()))).isTrue();
                assertThat(DigestSigner.verify(byNewKey, standbyLists.get(byNewKey.keyFingerprint()))).isTrue();
                assertThat(standby.history().signingWithin(before, Instant.now()).getFirst().validUntil())
                        .as("the old key's validity ends when the new one was made").isNotNull();
            }
        }
    }

    @Test
    void openWhenTheRingIsMissingThenRefusedNamingKeysInit() {
        // no ring was ever sealed under this test's key-encryption key
        assertThatThrownBy(() -> open("active")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("audit-digest-signing").hasMessageContaining("./mayfly keys init");
        assertThat(home.resolve("active").resolve("audit-signing.key")).as("no key of its own is made").doesNotExist();
    }

    @Test
    void keysInitWhenADigestKeyFileExistsThenTheRingHoldsThatKey() throws Exception {
        Path keyFile = home.resolve("audit-signing.key");
        String fingerprint = DigestSigner.fromFile(keyFile).fingerprint();
        Instant made = Instant.parse("2026-11-01T00:00:00Z");
        Files.setLastModifiedTime(keyFile, FileTime.from(made));
        // keys init on a topic of this test's own: on mayfly.keys it would stop at the rings of other tests' keys
        String ownTopic = "keys-import-" + java.util.UUID.randomUUID();
        try (org.apache.kafka.clients.admin.Admin admin = kafka.admin(Map.of())) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(ownTopic, 1, (short) 1))).all().get();
        }
        try (KeyRingTopic topic = KeyRingTopic.follow(kafka, ownTopic, KeyEncryptionKey.parse(kek))) {
            assertThat(topic.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            List<KeysInit.Outcome> outcomes = KeysInit.run(topic, Set.of(),
                    Map.of("audit-digest-signing", DigestSigner.ringLine(keyFile)), Instant.now());
            KeysInit.Outcome digestRing = outcomes.stream().filter(outcome -> outcome.ring() == DeploymentRing.AUDIT_DIGEST_SIGNING)
                    .findFirst().orElseThrow();
            assertThat(digestRing.action()).isEqualTo(KeysInit.Action.IMPORTED);
            assertThat(digestRing.stored().currentKeyId()).isEqualTo("e" + made.toEpochMilli());
            SigningKeyRing imported = SigningKeyRing.parse(digestRing.stored().keys());
            assertThat(DigestSigner.fromRing(imported).fingerprint()).as("the chain's key is the same").isEqualTo(fingerprint);
            assertThat(SigningKeyHistory.ofRing(imported, home.resolve("no-history")).signingWithin(made, Instant.now())).singleElement()
                    .satisfies(key -> assertThat(key.validFrom()).as("valid since the file's time").isEqualTo(made));
        }
    }
}
