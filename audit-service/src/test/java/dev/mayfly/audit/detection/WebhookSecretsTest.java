package dev.mayfly.audit.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.contract.Json;
import dev.mayfly.deploymentkeys.KeyEncryptionKeySource;
import dev.mayfly.runtime.net.AddressPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The webhook secrets as Elasticsearch keeps them: sealed, opened by every audit process of the deployment (the same
 * key-encryption key), by no other key nor for another account; a settings document from before they were sealed still
 * reads; a secret that no longer opens is replaced at the next PutDetectionSettings, and the new one shown.
 */
class WebhookSecretsTest {

    private static final String ACCOUNT = "111111111111";
    private static final String SECRET = "whsec_" + "ab".repeat(32);

    /** Secrets under a fresh key-encryption key, given as MAYFLY_KEY_ENCRYPTION_KEY is. */
    static WebhookSecrets underKeyEncryptionKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return underKeyEncryptionKey(Base64.getEncoder().encodeToString(key));
    }

    private static WebhookSecrets underKeyEncryptionKey(String base64) {
        try {
            return WebhookSecrets.open(KeyEncryptionKeySource.from(Map.of(KeyEncryptionKeySource.VALUE, base64)::get, Path.of("absent.key")),
                    Path.of("never-made.keys"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void openWhenAnotherProcessOfTheDeploymentSealedItThenTheSecretAndForNoOtherKeyOrAccount() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String kek = Base64.getEncoder().encodeToString(key);
        String sealed = underKeyEncryptionKey(kek).seal(ACCOUNT, SECRET);

        assertThat(sealed).doesNotContain("ab".repeat(8));
        assertThat(underKeyEncryptionKey(kek).open(ACCOUNT, sealed)).contains(SECRET);
        assertThat(underKeyEncryptionKey().open(ACCOUNT, sealed)).as("another deployment's key").isEmpty();
        assertThat(underKeyEncryptionKey(kek).open("222222222222", sealed)).as("copied into another account's settings").isEmpty();
        assertThat(underKeyEncryptionKey(kek).open(ACCOUNT, "not base64 !")).isEmpty();
    }

    @Test
    void openWhenOneProcessWithoutAKeyEncryptionKeyThenItsOwnKeyFileKeepsOpeningAcrossRestarts() throws IOException {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "webhook-secrets-");
        KeyEncryptionKeySource none = KeyEncryptionKeySource.defaultFile(home.resolve("key-encryption.key"));
        String sealed = WebhookSecrets.open(none, home.resolve("own.keys")).seal(ACCOUNT, SECRET);

        assertThat(WebhookSecrets.open(none, home.resolve("own.keys")).open(ACCOUNT, sealed)).contains(SECRET);
        assertThat(WebhookSecrets.open(none, home.resolve("other.keys")).open(ACCOUNT, sealed)).isEmpty();
    }

    @Test
    void fromDocumentWhenStoredInPlainTextBeforeSecretsWereSealedThenTheSecretStillReads() throws IOException {
        JsonNode legacy = Json.mapper().readTree("""
                {"AccountId":"111111111111","UpdatedAt":"2026-12-07T12:00:00Z","Detections":[],
                 "Webhook":{"Url":"https://hooks.example.com/","Secret":"%s"}}""".formatted(SECRET));

        assertThat(DetectionSettings.fromDocument(legacy, underKeyEncryptionKey()).webhook().secret()).isEqualTo(SECRET);
    }

    @Test
    void fromWhenTheStoredSecretNoLongerOpensThenANewOneIsMadeEvenWithoutRotateSecret() throws IOException {
        DetectionSettings stored = DetectionSettings.from(ACCOUNT, Json.mapper().readTree(
                "{\"Detections\":[],\"Webhook\":{\"Url\":\"https://hooks.example.com/\"}}"), Instant.now(), DetectionSettings.none(ACCOUNT),
                AddressPolicy.publicOnly());
        ObjectNode document = stored.toDocument(underKeyEncryptionKey());

        DetectionSettings unopened = DetectionSettings.fromDocument(document, underKeyEncryptionKey());
        DetectionSettings putAgain = DetectionSettings.from(ACCOUNT, Json.mapper().readTree(
                "{\"Detections\":[],\"Webhook\":{\"Url\":\"https://hooks.example.com/\"}}"), Instant.now(), unopened, AddressPolicy.publicOnly());

        assertThat(unopened.webhook().secret()).isNull();
        assertThat(putAgain.webhook().secret()).startsWith("whsec_").isNotEqualTo(stored.webhook().secret());
    }
}
