package dev.mayfly.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.audit.AuditSettings.Integrity;
import dev.mayfly.audit.AuditSettings.Storage;
import dev.mayfly.audit.integrity.DigestSigner;
import dev.mayfly.audit.projection.AuditIndices.Period;
import dev.mayfly.audit.projection.ElasticsearchConnection;
import dev.mayfly.contract.Json;
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
import dev.mayfly.runtime.ManagementListener;
import dev.mayfly.runtime.audit.CallLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two audit services of one deployment given the same key-encryption key (beside their credential, where keys init makes
 * it in dev): one digest key, the audit-digest-signing ring on mayfly.keys, whichever of them seals; and a service
 * refused at start when the ring is missing. The shared broker and Elasticsearch node of this JVM.
 */
class SharedDigestKeyTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path home;
    private KeyEncryptionKeyDeployment deployment;

    @BeforeEach
    void keys() throws Exception {
        deployment = new KeyEncryptionKeyDeployment(home);
    }

    private static String digestKeyInUse(AuditService service) throws Exception {
        HttpResponse<String> about = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.managementPort()
                + ManagementListener.ABOUT_PATH)).build(), HttpResponse.BodyHandlers.ofString());
        return Json.mapper().readTree(about.body()).path("keysInUse").path("audit-digest-signing").asText();
    }

    /** The public keys a service writes beside its digest key file, as X.509 DER by fingerprint. */
    private static Map<String, byte[]> publishedDigestKeys(AuditSettings settings) throws Exception {
        Map<String, byte[]> keys = new HashMap<>();
        for (String line : Files.readAllLines(settings.integrity().signingKeyFile().resolveSibling("audit-digest-signing.pub"))) {
            byte[] der = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(new Ed25519PublicKeyParameters(
                    Base64.getDecoder().decode(line.substring(line.indexOf(':') + 1).strip()))).getEncoded();
            keys.put(DigestSigner.fingerprint(der), der);
        }
        return keys;
    }

    @Test
    void startWhenTwoServicesShareTheKeyEncryptionKeyThenBothUseTheRingsDigestKeyAndPublishIt() throws Exception {
        Map<DeploymentRing, StoredRing> rings = deployment.rings(DeploymentRing.AUDIT_FEED_SIGNING, DeploymentRing.AUDIT_DIGEST_SIGNING);
        AuditSettings first = deployment.settings("first");
        AuditSettings second = deployment.settings("second");
        try (AuditService one = AuditService.start(first); AuditService other = AuditService.start(second)) {
            String ringKey = rings.get(DeploymentRing.AUDIT_DIGEST_SIGNING).currentKeyId();
            assertThat(digestKeyInUse(one)).isEqualTo(digestKeyInUse(other)).isEqualTo(ringKey);
            assertThat(second.integrity().signingKeyFile()).as("no key file of its own").doesNotExist();
            // whichever of them seals, a digest validates with the keys either publishes (DigestSigningKeysTest seals one)
            assertThat(publishedDigestKeys(first).keySet()).isNotEmpty().isEqualTo(publishedDigestKeys(second).keySet());
        }
    }

    @Test
    void startWhenTheDigestRingIsMissingThenRefusedNamingKeysInit() throws Exception {
        deployment.rings(DeploymentRing.AUDIT_FEED_SIGNING);
        assertThatThrownBy(() -> AuditService.start(deployment.settings("first"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("audit-digest-signing").hasMessageContaining("./mayfly keys init");
    }
}
