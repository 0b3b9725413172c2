package dev.mayfly.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.integrity.SigningKeyHistory.SigningKey;
import dev.mayfly.audit.protocol.JsonProtocolException;
import dev.mayfly.contract.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys that signed digests, through a replacement of the signing key, and ListPublicKeys over them. */
class SigningKeyHistoryTest {

    private static final Instant CREATED = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant REPLACED = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path dir;

    private DigestSigner oldKey;
    private DigestSigner newKey;

    /** The service started with one key, then again after the operator replaced its file. */
    private SigningKeyHistory replacedOnce() throws Exception {
        Path keyFile = dir.resolve("audit-signing.key");
        Path history = SigningKeyHistory.fileBeside(keyFile);
        oldKey = DigestSigner.fromFile(keyFile);
        SigningKeyHistory.open(history, oldKey, CREATED, CREATED.plus(Duration.ofDays(1)));
        Files.delete(keyFile);
        newKey = DigestSigner.fromFile(keyFile);
        return SigningKeyHistory.open(history, newKey, REPLACED, REPLACED);
    }

    @Test
    void signingWithinWhenWindowSpansAReplacementThenBothKeys() throws Exception {
        SigningKeyHistory history = replacedOnce();

        List<SigningKey> keys = history.signingWithin(REPLACED.minus(Duration.ofDays(2)), REPLACED.plus(Duration.ofDays(2)));

        assertThat(keys).extracting(SigningKey::fingerprint).containsExactly(oldKey.fingerprint(), newKey.fingerprint());
        assertThat(keys.getFirst().validFrom()).as("the first key began with its file").isEqualTo(CREATED);
        assertThat(keys.getFirst().validUntil()).isEqualTo(REPLACED);
        assertThat(keys.getLast().validUntil()).isNull();
    }

    @Test
    void signingWithinWhenWindowOnOneSideOfTheReplacementThenThatSidesKey() throws Exception {
        SigningKeyHistory history = replacedOnce();

        assertThat(history.signingWithin(CREATED, REPLACED.minusSeconds(1))).extracting(SigningKey::fingerprint)
                .containsExactly(oldKey.fingerprint());
        assertThat(history.signingWithin(REPLACED, REPLACED.plus(Duration.ofDays(1)))).extracting(SigningKey::fingerprint)
                .containsExactly(newKey.fingerprint());
    }

    @Test
    void openWhenSameKeyAgainThenHistoryUnchanged() throws Exception {
        replacedOnce();
        Path history = SigningKeyHistory.fileBeside(dir.resolve("audit-signing.key"));
        String before = Files.readString(history);

        SigningKeyHistory.open(history, newKey, REPLACED, REPLACED.plus(Duration.ofDays(3)));

        assertThat(Files.readString(history)).isEqualTo(before);
    }

    @Test
    void listPublicKeysWhenWindowSpansAReplacementThenEveryKeyThatSignedInIt() throws Exception {
        SigningKeyHistory history = replacedOnce();
        Clock clock = Clock.fixed(REPLACED.plus(Duration.ofDays(5)), ZoneOffset.UTC);
        JsonNode request = Json.mapper().createObjectNode()
                .put("StartTime", REPLACED.minus(Duration.ofDays(1)).getEpochSecond())
                .put("EndTime", REPLACED.plus(Duration.ofDays(1)).getEpochSecond());

        JsonNode response = IntegrityOperations.listPublicKeys(history, clock).handler().handle("111122223333", request);

        List<String> fingerprints = new ArrayList<>();
        for (JsonNode key : response.path("PublicKeyList")) {
            assertThat(DigestSigner.fingerprint(key.path("Value").binaryValue())).isEqualTo(key.path("Fingerprint").asText());
            fingerprints.add(key.path("Fingerprint").asText());
        }
        assertThat(fingerprints).containsExactly(oldKey.fingerprint(), newKey.fingerprint());
        assertThat(response.path("PublicKeyList").get(0).path("ValidityEndTime").asDouble())
                .isEqualTo(REPLACED.getEpochSecond());
    }

    @Test
    void listPublicKeysWhenNoWindowThenTheCurrentKeyOnly() throws Exception {
        SigningKeyHistory history = replacedOnce();
        Clock clock = Clock.fixed(REPLACED.plus(Duration.ofDays(5)), ZoneOffset.UTC);

        JsonNode response = IntegrityOperations.listPublicKeys(history, clock).handler()
                .handle("111122223333", Json.mapper().createObjectNode());

        assertThat(response.path("PublicKeyList")).hasSize(1);
        assertThat(response.path("PublicKeyList").get(0).path("Fingerprint").asText()).isEqualTo(newKey.fingerprint());
    }

    @Test
    void listPublicKeysWhenStartAfterEndThenInvalidTimeRange() throws Exception {
        SigningKeyHistory history = replacedOnce();
        JsonNode request = Json.mapper().createObjectNode().put("StartTime", REPLACED.getEpochSecond())
                .put("EndTime", CREATED.getEpochSecond());

        assertThatThrownBy(() -> IntegrityOperations.listPublicKeys(history, Clock.systemUTC()).handler().handle("111122223333", request))
                .isInstanceOf(JsonProtocolException.class).hasMessageContaining("StartTime");
    }
}
