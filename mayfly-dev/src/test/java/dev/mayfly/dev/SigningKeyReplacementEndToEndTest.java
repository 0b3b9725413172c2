package dev.mayfly.dev;

import static dev.mayfly.dev.Tenants.cloudTrail;
import static dev.mayfly.dev.Tenants.root;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.audit.AuditService;
import dev.mayfly.audit.AuditSettings.Integrity;
import dev.mayfly.audit.AuditSettings.Storage;
import dev.mayfly.audit.AuditSettings;
import dev.mayfly.audit.projection.AuditIndices.Period;
import dev.mayfly.audit.projection.ElasticsearchConnection;
import dev.mayfly.embedded.EmbeddedElasticsearch;
import dev.mayfly.embedded.FreePorts;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.runtime.audit.CallLimits;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.cloudtrail.model.PublicKey;

/**
 * CloudTrail's ListPublicKeys through a replacement of the digest signing key, with the AWS SDK: the digests signed
 * before it still need the old key. The audit service runs on an Elasticsearch node of its own, so that its digests,
 * signed with keys of its own, never overwrite the shared platform's.
 */
class SigningKeyReplacementEndToEndTest {

    @TempDir
    Path home;

    private static String currentKey(URI audit, AwsCredentials credentials) {
        return cloudTrail(audit, credentials).listPublicKeys().publicKeyList().getFirst().fingerprint();
    }

    @Test
    void listPublicKeysWhenSigningKeyReplacedWithinTheWindowThenBothKeysListed() throws Exception {
        NewAccount account = Platform.get().issuer.accounts().create("signing-key-history");
        Instant windowStart = Instant.now().minusSeconds(60);
        Path keyFile = home.resolve("audit-signing.key");
        int port = FreePorts.next();
        URI url = URI.create("http://127.0.0.1:" + port);
        try (EmbeddedElasticsearch node = EmbeddedElasticsearch.start(home.resolve("es"), FreePorts.next())) {
            AuditSettings settings = new AuditSettings("127.0.0.1", port, KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers()),
                    ElasticsearchConnection.unauthenticated(node.httpUrl()), Platform.get().issuerUrl().toString(), "key-history-" + UUID.randomUUID(),
                    new Storage(Period.DAY, Duration.ofDays(90)), new Integrity(Duration.ofHours(1), Duration.ofSeconds(1), keyFile),
                    CallLimits.Limits.DEFAULT, home.resolve("audit.credential"));
            PrivateFiles.write(settings.serviceCredentialFile(), Platform.get().issuer.serviceCredential("audit").fileText());
            String first;
            try (AuditService audit = AuditService.start(settings)) {
                first = currentKey(url, root(account));
            }
            Files.delete(keyFile);
            try (AuditService audit = AuditService.start(settings)) {
                String second = currentKey(url, root(account));
                assertThat(second).isNotEqualTo(first);

                var keys = cloudTrail(url, root(account)).listPublicKeys(r -> r.startTime(windowStart).endTime(Instant.now()))
                        .publicKeyList();

                assertThat(keys).extracting(PublicKey::fingerprint).containsExactly(first, second);
                assertThat(keys.getFirst().validityEndTime()).isNotNull();
                assertThat(keys.getLast().validityEndTime()).isNull();
            }
        }
    }
}
