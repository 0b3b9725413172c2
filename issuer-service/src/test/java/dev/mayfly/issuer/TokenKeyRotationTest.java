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
import dev.mayfly.contract.Topics;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.kafka.signed.RecordVerifier;
import dev.mayfly.kafka.signed.RefusedRecords;
import dev.mayfly.kafka.signed.SignedMessage;
import dev.mayfly.signing.PublicKeyFile;
import dev.mayfly.signing.SigningKeyRing;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Rotating the session-token keys through the admin endpoint: live sessions keep working, new ones use the new key; the
 * issuer's signing keys rotate with them: verifiers are told sessions, and read feed records, signed with the new key at
 * once, and find it in the rewritten public file.
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
    void rotateWhenARoleChangesAfterwardsThenItsPolicyRecordIsSignedWithTheNewIssuerKeyThatVerifiersHold() throws Exception {
        assertThat(rotate(IssuerFixture.adminToken()).statusCode()).isEqualTo(200);
        String current = SigningKeyRing.loadOrCreate(IssuerFixture.tokenKeysFile().resolveSibling("issuer-signing.keys"), Instant.now())
                .currentKeyId();
        var account = IssuerFixture.newAccount("rotate-feed");
        String roleArn = IssuerFixture.iam(IssuerFixture.root(account)).createRole(r -> r.roleName("after-rotation")
                .assumeRolePolicyDocument("""
                        {"Statement":{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}}""".formatted(account.accountId())))
                .role().arn();

        // every issuer publishes the snapshot; another issuer of the test JVM on the same key files (FileKeyRings is for
        // one issuer) may publish it first under the key it loaded before this rotation
        ConsumerRecord<String, byte[]> record = firstPolicyRecordOf(roleArn, current);
        RecordVerifier verifier = new RecordVerifier(List.of(PublicKeyFile.watch(IssuerFixture.tokenKeysFile().resolveSibling("issuer-signing.pub"))),
                new RefusedRecords());
        assertThat(verifier.verify(record)).as("verifiers hold the new key").isPresent();
    }

    private static ConsumerRecord<String, byte[]> firstPolicyRecordOf(String arn, String signer) {
        try (KafkaConsumer<String, byte[]> consumer = KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers())
                .consumer(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(Topics.POLICIES, 0));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plusSeconds(20);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (arn.equals(record.key())
                            && signer.equals(new String(record.headers().lastHeader(SignedMessage.HEADER_SIGNER).value(), StandardCharsets.UTF_8))) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no policy record of " + arn + " signed with " + signer);
    }

    @Test
    void rotateWhenWrongAdminTokenThenRefused() throws Exception {
        HttpResponse<String> refused = rotate("not-the-token");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("AccessDenied");
    }
}
