package dev.mayfly.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import dev.mayfly.deploymentkeys.DeploymentRing;
import dev.mayfly.deploymentkeys.KeyRingTopic;
import dev.mayfly.deploymentkeys.RingRotation;
import dev.mayfly.deploymentkeys.StoredRing;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.runtime.audit.ApiCallSender;
import dev.mayfly.signing.SigningKeyRing;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An audit service given the deployment's key-encryption key trusts the issuer's records as the issuer-signing ring on
 * mayfly.keys says, without any copy of issuer-signing.pub: a rotation of that ring by any process is trusted at once,
 * where before someone had to copy the new .pub file (run init again, in compose) or the records were refused.
 */
class ProducerRingsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final AccountCalls account = new AccountCalls();

    @TempDir
    Path home;

    private long stored() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(SharedInfrastructure.elasticsearch().httpUrl()
                        + "/mayfly-cloudtrail-*/_search")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"size":0,"track_total_hits":true,"query":{"term":{"recipientAccountId":"%s"}}}""".formatted(account.account()))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = Json.mapper().readTree(response.body());
        return body.path("hits").path("total").path("value").asLong();
    }

    private void awaitStored(long count) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (stored() != count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(stored() + " of " + count + " of the issuer's records stored within 30 s: refused as forged?");
            }
            Thread.sleep(200);
        }
    }

    @Test
    void projectWhenSignedWithTheIssuerRingOnMayflyKeysThenTrustedWithoutAPubFileAndAfterARotation() throws Exception {
        KeyEncryptionKeyDeployment deployment = new KeyEncryptionKeyDeployment(home);
        Map<DeploymentRing, StoredRing> rings = deployment.rings(DeploymentRing.AUDIT_FEED_SIGNING, DeploymentRing.AUDIT_DIGEST_SIGNING,
                DeploymentRing.ISSUER_SIGNING);
        AuditSettings settings = deployment.settings("audit");
        assertThat(settings.eventProducersPublicKeysFiles().getFirst()).as("no copy of issuer-signing.pub").doesNotExist();
        RecordSigner issuer = new RecordSigner(SigningKeyRing.parse(rings.get(DeploymentRing.ISSUER_SIGNING).keys()), Clock.systemUTC());
        try (AuditService audit = AuditService.start(settings);
                ApiCallSender sender = new ApiCallSender(deployment.kafka, "producer-rings-test", issuer)) {
            sender.send(account.next());
            awaitStored(1);

            try (KeyRingTopic topic = deployment.follow()) {
                StoredRing rotated = RingRotation.rotate(topic, DeploymentRing.ISSUER_SIGNING, Instant.now(), Duration.ofSeconds(10)).after();
                issuer.use(SigningKeyRing.parse(rotated.keys()));
            }
            sender.send(account.next());
            awaitStored(2);
        }
    }
}
