package dev.mayfly.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.audit.AuditSettings.Integrity;
import dev.mayfly.audit.AuditSettings.Storage;
import dev.mayfly.audit.projection.AuditIndices.Period;
import dev.mayfly.audit.projection.ElasticsearchConnection;
import dev.mayfly.contract.ServiceCredential;
import dev.mayfly.deploymentkeys.DeploymentRing;
import dev.mayfly.deploymentkeys.KeyEncryptionKey;
import dev.mayfly.deploymentkeys.KeyRingTopic;
import dev.mayfly.deploymentkeys.StoredRing;
import dev.mayfly.embedded.FreePorts;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.runtime.KafkaTopics;
import dev.mayfly.runtime.audit.CallLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Audit services of one deployment given a key-encryption key of a test's own (beside their credential, where keys init
 * makes it in dev), on the JVM's shared broker and Elasticsearch node, with the rings the test publishes under it.
 */
final class KeyEncryptionKeyDeployment {

    static final Duration DIGEST_PERIOD = Duration.ofSeconds(2);
    final KafkaCluster kafka = KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers());
    private final Path home;
    private final String group = "kek-deployment-" + UUID.randomUUID();
    private final Path credential;
    private final KeyEncryptionKey kek;

    KeyEncryptionKeyDeployment(Path home) throws Exception {
        this.home = home;
        KafkaTopics.ensure(kafka, KafkaTopics.mayflyTopics(3, (short) 1));
        credential = home.resolve("keys").resolve("audit.credential");
        Files.createDirectories(credential.getParent());
        PrivateFiles.write(credential, new ServiceCredential("audit", "0".repeat(64)).fileText());
        // in the default place beside the credential: for it, no ring exists yet
        KeyEncryptionKey.createIfAbsent(credential.resolveSibling("key-encryption.key"));
        kek = KeyEncryptionKey.load(credential.resolveSibling("key-encryption.key"));
    }

    /** An audit service of the deployment; its key files (unused with a KEK) in a directory of its own. */
    AuditSettings settings(String name) throws Exception {
        Files.createDirectories(home.resolve(name));
        return new AuditSettings("127.0.0.1", FreePorts.next(), kafka,
                ElasticsearchConnection.unauthenticated(SharedInfrastructure.elasticsearch().httpUrl()), "http://127.0.0.1:1", group,
                new Storage(Period.DAY, Duration.ofDays(90)), new Integrity(DIGEST_PERIOD, Duration.ofSeconds(1),
                home.resolve(name).resolve("audit-signing.key"), Duration.ofSeconds(3)),
                CallLimits.Limits.DEFAULT, credential);
    }

    /** mayfly.keys as a process of the deployment reads it, caught up. */
    KeyRingTopic follow() throws Exception {
        KeyRingTopic topic = KeyRingTopic.follow(kafka, kek);
        assertThat(topic.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
        return topic;
    }

    /**
     * The rings as ./mayfly keys init makes them, under this deployment's key-encryption key alone (keys init itself
     * stops at the rings other tests of this JVM sealed under theirs on the same topic).
     */
    Map<DeploymentRing, StoredRing> rings(DeploymentRing... rings) throws Exception {
        Map<DeploymentRing, StoredRing> made = new HashMap<>();
        try (KeyRingTopic topic = follow()) {
            for (DeploymentRing ring : rings) {
                made.put(ring, topic.publish(ring.fresh(Instant.now()), Duration.ofSeconds(10)));
            }
        }
        return made;
    }
}
