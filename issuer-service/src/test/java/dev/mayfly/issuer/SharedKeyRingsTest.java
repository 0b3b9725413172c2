package dev.mayfly.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import dev.mayfly.deploymentkeys.DeploymentRing;
import dev.mayfly.deploymentkeys.KeyEncryptionKey;
import dev.mayfly.deploymentkeys.KeyEncryptionKeySource;
import dev.mayfly.deploymentkeys.KeyRingTopic;
import dev.mayfly.deploymentkeys.KeysInit;
import dev.mayfly.deploymentkeys.RingRotation;
import dev.mayfly.deploymentkeys.StoredRing;
import dev.mayfly.embedded.FreePorts;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.runtime.KafkaTopics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Two issuers on one database and one broker share the deployment's key rings on mayfly.keys: a session sealed by one is
 * opened by the other, a rotation through one is in use in the other within seconds (the issue asks for a minute), and an
 * issuer given a key-encryption key but no rings refuses to start rather than make keys of its own.
 */
class SharedKeyRingsTest {

    private static final KafkaCluster KAFKA = KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers());
    private static final String KEK = newKek();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static IssuerService first;
    private static IssuerService second;
    private static Path firstHome;
    private static NewAccount account;
    private static AwsCredentials user;
    private static String roleArn;

    private static String newKek() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static IssuerSettings settings(Path home, String kek) {
        return new IssuerSettings("127.0.0.1", FreePorts.next(),
                new DatabaseSettings(SharedInfrastructure.postgres().database("issuer_shared_keys"), "postgres", "postgres", 4),
                KAFKA, (short) 1, 3, home.resolve("token.keys"), home.resolve("vault.keys"), home.resolve("admin-token"),
                IssuerSettings.DEFAULT_REVOCATION_MAX_AGE, true)
                .withKeyEncryptionKey(KeyEncryptionKeySource.from(Map.of(KeyEncryptionKeySource.VALUE, kek)::get,
                        home.resolve("key-encryption.key")));
    }

    @BeforeAll
    static void startTwoIssuers() throws Exception {
        KafkaTopics.ensure(KAFKA, KafkaTopics.mayflyTopics(3, (short) 1));
        // what ./mayfly keys init does, once for the deployment
        try (KeyRingTopic rings = KeyRingTopic.follow(KAFKA, KeyEncryptionKey.parse(KEK))) {
            assertThat(rings.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            KeysInit.run(rings, Set.of(), Map.of(), Instant.now());
        }
        firstHome = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "shared-keys-1-");
        AdminTokenFile.createIfAbsent(firstHome.resolve("admin-token"));   // keys init's too: an issuer with a KEK makes none
        first = IssuerService.start(settings(firstHome, KEK), Clock.systemUTC());
        account = first.accounts().create("shared-keys");
        try (IamClient iam = iam(first, AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey()))) {
            iam.createUser(r -> r.userName("ops"));
            var key = iam.createAccessKey(r -> r.userName("ops")).accessKey();
            user = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
            roleArn = iam.createRole(r -> r.roleName("deployer").assumeRolePolicyDocument("""
                    {"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:user/ops"},"Action":"sts:AssumeRole"}}"""
                    .formatted(account.accountId()))).role().arn();
        }
        // started after the user and role exist: it reads them from the shared database
        Path secondHome = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "shared-keys-2-");
        PrivateFiles.write(secondHome.resolve("admin-token"), PrivateFiles.read(firstHome.resolve("admin-token")));
        second = IssuerService.start(settings(secondHome, KEK), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void assumeRoleWhenSealedByOneIssuerThenTheOtherOpensTheSessionAndTheUsersSecret() throws Exception {
        // the second issuer checks the user's signature with the secret the first sealed in the vault
        Credentials session = sts(second, user).assumeRole(r -> r.roleArn(roleArn).roleSessionName("on-second")).credentials();

        assertThat(sts(first, session(session)).getCallerIdentity().arn()).endsWith("/on-second");
        assertThat(keysInUse(first)).isEqualTo(keysInUse(second));
    }

    @Test
    void rotateWhenThroughOneIssuerThenTheOtherSealsWithTheNewKeyWithinAMinuteAndOldSessionsStillOpen() throws Exception {
        Credentials before = sts(first, user).assumeRole(r -> r.roleArn(roleArn).roleSessionName("before")).credentials();

        HttpResponse<String> rotated = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + first.managementPort()
                        + "/mayfly/admin/token-keys/rotate"))
                .header("Authorization", "Bearer " + Files.readString(firstHome.resolve("admin-token")).strip())
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String current = Json.mapper().readTree(rotated.body()).path("CurrentKeyId").asText();
        assertThat(keysInUse(first).path("session-token").asText()).isEqualTo(current);

        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (!keysInUse(second).path("session-token").asText().equals(current) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(keysInUse(second).path("session-token").asText()).isEqualTo(current);
        assertThat(keysInUse(second).path("issuer-signing").asText()).isEqualTo(keysInUse(first).path("issuer-signing").asText());

        Credentials after = sts(second, user).assumeRole(r -> r.roleArn(roleArn).roleSessionName("after")).credentials();
        assertThat(keyIdOf(after.sessionToken())).isEqualTo(current);
        assertThat(sts(first, session(after)).getCallerIdentity().arn()).endsWith("/after");
        assertThat(sts(second, session(before)).getCallerIdentity().arn()).as("retired keys still open").endsWith("/before");
    }

    @Test
    void webIdentityTokenWhenSignedByOneIssuerThenTheOtherListsItsKeyAndARotationIsListedByBoth() throws Exception {
        NewAccount outbound = first.accounts().create("shared-keys-outbound");
        AwsCredentials root = AwsBasicCredentials.create(outbound.accessKeyId(), outbound.secretAccessKey());
        String issuerPath;
        try (IamClient iam = iam(first, root)) {
            issuerPath = URI.create(iam.enableOutboundWebIdentityFederation(r -> { }).issuerIdentifier()).getPath();
        }
        String token = sts(first, root).getWebIdentityToken(r -> r.audience("aud").signingAlgorithm("ES384")).webIdentityToken();
        String signedBy = Json.mapper().readTree(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.')))).path("kid").asText();

        // the second issuer knows the account's issuer once its read model has the enabling
        Instant known = Instant.now().plus(Duration.ofSeconds(30));
        while (!webIdentityKeyIds(second, issuerPath).contains(signedBy) && Instant.now().isBefore(known)) {
            Thread.sleep(100);
        }
        assertThat(webIdentityKeyIds(second, issuerPath)).contains(signedBy).isEqualTo(webIdentityKeyIds(first, issuerPath));

        String next;
        try (KeyRingTopic rings = KeyRingTopic.follow(KAFKA, KeyEncryptionKey.parse(KEK))) {
            assertThat(rings.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            next = RingRotation.rotate(rings, DeploymentRing.WEB_IDENTITY_SIGNING, Instant.now(), Duration.ofSeconds(10)).currentKeyId();
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (!(webIdentityKeyIds(first, issuerPath).contains(next + "-rs256") && webIdentityKeyIds(second, issuerPath).contains(next + "-rs256"))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(webIdentityKeyIds(first, issuerPath)).contains(next + "-rs256", next + "-es384", signedBy);
        assertThat(webIdentityKeyIds(second, issuerPath)).isEqualTo(webIdentityKeyIds(first, issuerPath));
    }

    private static java.util.List<String> webIdentityKeyIds(IssuerService issuer, String issuerPath) throws Exception {
        HttpResponse<String> keys = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + issuer.port() + issuerPath
                + "/.well-known/jwks.json")).build(), HttpResponse.BodyHandlers.ofString());
        java.util.List<String> ids = new java.util.ArrayList<>();
        Json.mapper().readTree(keys.body()).path("keys").forEach(key -> ids.add(key.path("kid").asText()));
        return ids;
    }

    @Test
    void serviceCredentialWhenMadeByEitherIssuerThenTheSameAndARotationReachesBoth() throws Exception {
        assertThat(second.serviceCredential("audit")).isEqualTo(first.serviceCredential("audit"));

        String rotated;
        try (KeyRingTopic rings = KeyRingTopic.follow(KAFKA, KeyEncryptionKey.parse(KEK))) {
            assertThat(rings.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            StoredRing current = rings.ring(DeploymentRing.SERVICE_CREDENTIALS.ringName()).orElseThrow();
            StoredRing next = rings.publish(DeploymentRing.SERVICE_CREDENTIALS.rotated(current, Instant.now()), Duration.ofSeconds(10));
            rotated = next.keys().strip().lines().toList().getLast().split(":")[0];
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (!(keysInUse(first).path("service-credentials").asText().equals(rotated)
                && keysInUse(second).path("service-credentials").asText().equals(rotated)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }

        assertThat(keysInUse(first).path("service-credentials").asText()).isEqualTo(rotated);
        assertThat(keysInUse(second).path("service-credentials").asText()).isEqualTo(rotated);
        assertThat(second.serviceCredential("audit")).isEqualTo(first.serviceCredential("audit"));
    }

    @Test
    void startWhenTheRingsAreSealedUnderAnotherKeyEncryptionKeyThenTheIssuerRefusesNamingKeysInit() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "shared-keys-other-");

        assertThatThrownBy(() -> IssuerService.start(settings(home, newKek()), Clock.systemUTC()))
                .hasMessageContaining("./mayfly keys init").hasMessageContaining("key-encryption key");
        assertThat(home.resolve("token.keys")).doesNotExist();
    }

    @Test
    void startWhenGivenAKeyEncryptionKeyButNoAdminTokenThenRefusesRatherThanMakeOneOfItsOwn() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "shared-keys-no-token-");

        assertThatThrownBy(() -> IssuerService.start(settings(home, KEK), Clock.systemUTC()))
                .hasMessageContaining("admin token").hasMessageContaining("./mayfly keys init");
        assertThat(home.resolve("admin-token")).doesNotExist();
    }

    private static JsonNode keysInUse(IssuerService issuer) throws Exception {
        HttpResponse<String> about = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + issuer.managementPort() + "/about"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return Json.mapper().readTree(about.body()).path("keysInUse");
    }

    /** The key id in a token's authenticated header: version, length, id. */
    private static String keyIdOf(String sessionToken) {
        byte[] bytes = Base64.getUrlDecoder().decode(sessionToken);
        return new String(bytes, 2, bytes[1] & 0xff, StandardCharsets.UTF_8);
    }

    private static AwsCredentials session(Credentials session) {
        return AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
    }

    private static StsClient sts(IssuerService issuer, AwsCredentials credentials) {
        return StsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + issuer.port())).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static IamClient iam(IssuerService issuer, AwsCredentials credentials) {
        return IamClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + issuer.port())).region(Region.AWS_GLOBAL)
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }
}
