package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.sts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import dev.mayfly.contract.SessionKeyRequest;
import dev.mayfly.contract.SessionKeyResponse;
import dev.mayfly.signing.PublicKeyRing;
import dev.mayfly.token.SignedClaims;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Rotating the session-token keys (and the issuer's signing keys) through the admin endpoint: live sessions keep working,
 * new ones use the new key, verifiers are told sessions with the new signing key and find it in the rewritten public file.
 */
class TokenKeyRotationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> rotate(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(IssuerFixture.managementEndpoint() + "/mayfly/admin/token-keys/rotate"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The key id in a token's authenticated header: version, length, id. */
    private static String keyIdOf(String sessionToken) {
        byte[] bytes = Base64.getUrlDecoder().decode(sessionToken);
        return new String(bytes, 2, bytes[1] & 0xff, StandardCharsets.UTF_8);
    }

    @Test
    void rotateWhenSessionsLiveThenTheyKeepWorkingAndNewOnesUseTheNewKey() throws Exception {
        var ops = IssuerFixture.userWhoMayAssume(IssuerFixture.newAccount("rotate-keys"), "ops", "rotator");
        Credentials before = sts(ops.user()).assumeRole(r -> r.roleArn(ops.roleArn()).roleSessionName("before")).credentials();

        HttpResponse<String> rotated = rotate(IssuerFixture.adminToken());
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        JsonNode ring = Json.mapper().readTree(rotated.body());
        String current = ring.path("CurrentKeyId").asText();
        assertThat(ring.path("KeyIds")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(rotated.body()).doesNotContain("=");

        assertThat(sts(credentials(before)).getCallerIdentity().arn()).endsWith("/before");
        assertThat(keyIdOf(before.sessionToken())).isNotEqualTo(current);
        Credentials after = sts(ops.user()).assumeRole(r -> r.roleArn(ops.roleArn()).roleSessionName("after")).credentials();
        assertThat(keyIdOf(after.sessionToken())).isEqualTo(current);
        assertThat(sts(credentials(after)).getCallerIdentity().arn()).endsWith("/after");
    }

    @Test
    void rotateWhenVerifiersHoldThePublicKeysThenThePublicFileIsRewrittenAndGrantsSignedWithTheNewKey() throws Exception {
        var ops = IssuerFixture.userWhoMayAssume(IssuerFixture.newAccount("rotate-signing"), "ops", "rotator");
        Credentials before = sts(ops.user()).assumeRole(r -> r.roleArn(ops.roleArn()).roleSessionName("before")).credentials();
        java.nio.file.Path publicFile = IssuerFixture.tokenKeysFile().resolveSibling("issuer-signing.pub");
        String publishedBefore = java.nio.file.Files.readString(publicFile);

        assertThat(rotate(IssuerFixture.adminToken()).statusCode()).isEqualTo(200);

        PublicKeyRing published = PublicKeyRing.load(publicFile);
        assertThat(java.nio.file.Files.readString(publicFile)).isNotEqualTo(publishedBefore).contains(publishedBefore.strip());
        String date = java.time.LocalDate.now(java.time.ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        HttpResponse<String> granted = http.send(HttpRequest.newBuilder(URI.create(IssuerFixture.endpoint() + SessionKeyRequest.PATH))
                .header("Authorization", IssuerFixture.issuer().serviceCredential("notes").header())
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(
                        new SessionKeyRequest(before.sessionToken(), date, "us-east-1")))).build(), HttpResponse.BodyHandlers.ofString());
        String signedClaims = Json.mapper().readValue(granted.body(), SessionKeyResponse.class).signedClaims();
        assertThat(SignedClaims.open(signedClaims, published).accessKeyId()).isEqualTo(before.accessKeyId());
        assertThat(publishedBefore).doesNotContain(SignedClaims.keyIdOf(signedClaims) + ":");
    }

    @Test
    void rotateWhenWrongAdminTokenThenRefused() throws Exception {
        HttpResponse<String> refused = rotate("not-the-token");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("AccessDenied");
    }
}
