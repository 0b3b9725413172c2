package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static dev.mayfly.issuer.IssuerFixture.storedEventsContaining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import dev.mayfly.contract.RevocationRule;
import dev.mayfly.contract.Topics;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.runtime.KafkaProducers;
import dev.mayfly.signing.PublishedKeyRing;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Keyless workload bootstrap: a workload registered with an OIDC identity (an OpenID Connect provider of its account, a
 * Kubernetes namespace and service account) gets its role's credentials for the projected service-account token it
 * already has, which the AWS SDK's container provider reads from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE on every call,
 * as under EKS Pod Identity. The tokens come from a local OpenID Connect issuer (HTTPS, its certificate trusted through
 * its thumbprint, discovery and JWKS) that signs Kubernetes-style tokens.
 */
class KeylessWorkloadTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String AUDIENCE = "mayfly";
    private static TestIdentityProvider cluster;

    @BeforeAll
    static void cluster() throws Exception {
        cluster = new TestIdentityProvider();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    /** An account trusting the cluster's issuer, a role "app" for workloads, and workload "web" bound to prod/web. */
    private record Setup(NewAccount account, String providerArn, String roleArn, JsonNode registration) {
        URI credentialsUri() {
            return URI.create(registration.path("CredentialsUri").asText());
        }
    }

    private static Setup setup(String tenant, TestIdentityProvider issuer) throws Exception {
        NewAccount account = IssuerFixture.newAccount(tenant);
        var rootIam = iam(root(account));
        String providerArn = rootIam.createOpenIDConnectProvider(r -> r.url(issuer.url()).clientIDList(AUDIENCE)
                .thumbprintList(issuer.thumbprint())).openIDConnectProviderArn();
        String roleArn = rootIam.createRole(r -> r.roleName("app").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"workloads.mayfly"},"Action":"sts:AssumeRole",
                 "Condition":{"StringEquals":{"aws:SourceAccount":"%s"}}}}""".formatted(account.accountId()))).role().arn();
        rootIam.putRolePolicy(r -> r.roleName("app").policyName("read").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*"}}"""));
        HttpResponse<String> created = workloads(account, "POST", "", registration("web", roleArn, providerArn, "prod", "web"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new Setup(account, providerArn, roleArn, Json.mapper().readTree(created.body()));
    }

    private static String registration(String name, String roleArn, String providerArn, String namespace, String serviceAccount) {
        return """
                {"Name":"%s","RoleArn":"%s","DurationSeconds":900,
                 "OidcIdentity":{"ProviderArn":"%s","Namespace":"%s","ServiceAccount":"%s"}}""".formatted(name, roleArn, providerArn,
                namespace, serviceAccount);
    }

    /** The claims of a projected service-account token of this namespace and service account, for the audience. */
    private static Map<String, Object> serviceAccountClaims(TestIdentityProvider issuer, String namespace, String serviceAccount) {
        Map<String, Object> claims = issuer.claims(AUDIENCE, "system:serviceaccount:" + namespace + ":" + serviceAccount);
        claims.put("aud", List.of(AUDIENCE));
        claims.put("nbf", claims.get("iat"));
        claims.put("kubernetes.io", Map.of("namespace", namespace,
                "pod", Map.of("name", serviceAccount + "-7d9f8b6c5-x2x4q", "uid", "5d3f4d6e-0000-4000-8000-000000000001"),
                "serviceaccount", Map.of("name", serviceAccount, "uid", "5d3f4d6e-0000-4000-8000-000000000002")));
        return claims;
    }

    private static String token(TestIdentityProvider issuer, String namespace, String serviceAccount) throws Exception {
        return issuer.token(serviceAccountClaims(issuer, namespace, serviceAccount));
    }

    /** A JWT with this header's alg and these signature bytes: what an attacker can make without the provider's key. */
    private static String forged(String alg, Map<String, Object> claims, byte[] signature) throws Exception {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString(("{\"alg\":\"" + alg + "\",\"kid\":\"k1\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(Json.mapper().writeValueAsBytes(claims)) + "." + encoder.encodeToString(signature);
    }

    private static HttpResponse<String> workloads(NewAccount account, String method, String path, String json) throws Exception {
        return signed(root(account), method, URI.create(IssuerFixture.endpoint() + "/mayfly/workloads" + path), json);
    }

    /** A request of the workloads API signed by the AWS SDK's own SigV4 signer. */
    private static HttpResponse<String> signed(AwsCredentials credentials, String method, URI uri, String json) throws Exception {
        return SignedRestRequests.send(credentials, "workloads", method, uri, json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> getCredentials(URI uri, String authorization) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", authorization).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static StsClient stsWith(AwsCredentialsProvider provider) {
        return StsClient.builder().endpointOverride(IssuerFixture.endpoint()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(provider).build();
    }

    /**
     * The container provider reads AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE from the
     * environment or these system properties; set for the call only.
     */
    private static <T> T withContainerSettings(URI credentialsUri, Path tokenFile, Supplier<T> call) {
        System.setProperty("aws.containerCredentialsFullUri", credentialsUri.toString());
        System.setProperty("aws.containerAuthorizationTokenFile", tokenFile.toString());
        try {
            return call.get();
        } finally {
            System.clearProperty("aws.containerCredentialsFullUri");
            System.clearProperty("aws.containerAuthorizationTokenFile");
        }
    }

    private static String code(HttpResponse<String> response) throws Exception {
        return Json.mapper().readTree(response.body()).path("code").asText();
    }

    @Test
    void containerProviderWhenServiceAccountTokenFileThenCredentialsWorkAndARotatedFileKeepsWorking() throws Exception {
        Setup setup = setup("keyless-sdk", cluster);
        assertThat(setup.registration().has("AuthorizationToken")).as("nothing long-lived is handed out").isFalse();
        JsonNode workload = setup.registration().path("Workload");
        assertThat(workload.path("HasToken").asBoolean()).isFalse();
        assertThat(workload.path("OidcIdentity").path("ProviderArn").asText()).isEqualTo(setup.providerArn());
        assertThat(workload.path("OidcIdentity").path("Namespace").asText()).isEqualTo("prod");
        assertThat(workload.path("OidcIdentity").path("ServiceAccount").asText()).isEqualTo("web");
        Path tokenFile = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "projected-token-").resolve("token");
        String first = token(cluster, "prod", "web");
        Files.writeString(tokenFile, first);

        String arn = withContainerSettings(setup.credentialsUri(), tokenFile,
                () -> stsWith(ContainerCredentialsProvider.builder().build()).getCallerIdentity().arn());
        assertThat(arn).isEqualTo("arn:aws:sts::" + setup.account().accountId() + ":assumed-role/app/web");

        // the kubelet writes a new token before the old one expires, signed with a key the issuer has just rotated to
        cluster.rotate("ES256");
        String second = token(cluster, "prod", "web");
        Files.writeString(tokenFile, second);
        var credentials = withContainerSettings(setup.credentialsUri(), tokenFile,
                () -> ContainerCredentialsProvider.builder().build().resolveCredentials());
        assertThat(iam(credentials).listRoles().roles()).isNotEmpty();

        List<String> records = storedEventsContaining(setup.registration().path("Workload").path("WorkloadId").asText());
        assertThat(records).anySatisfy(record -> assertThat(record).contains("\"webIdentitySubject\":\"system:serviceaccount:prod:web\"")
                .contains("\"kubernetesPod\":\"web-7d9f8b6c5-x2x4q\"").contains("MayflyWorkload"));
        for (String token : List.of(first, second)) {
            assertThat(storedEventsContaining(token.substring(token.lastIndexOf('.') + 1))).as("no record holds the token").isEmpty();
        }
    }

    @Test
    void credentialsWhenServiceAccountTokenWrongThenRefusedInTheContainerShapeAndAudited() throws Exception {
        Setup setup = setup("keyless-hostile", cluster);
        Map<String, Object> expired = serviceAccountClaims(cluster, "prod", "web");
        expired.put("exp", Instant.now().minusSeconds(3600).getEpochSecond());
        Map<String, Object> otherAudience = serviceAccountClaims(cluster, "prod", "web");
        otherAudience.put("aud", List.of("vault"));
        Map<String, Object> subjectOnly = serviceAccountClaims(cluster, "prod", "web");
        subjectOnly.remove("kubernetes.io");
        Map<String, Object> claimsDisagree = serviceAccountClaims(cluster, "prod", "web");
        claimsDisagree.put("kubernetes.io", serviceAccountClaims(cluster, "prod", "admin").get("kubernetes.io"));
        Map<String, Object> valid = serviceAccountClaims(cluster, "prod", "web");
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(cluster.jwksDocument().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] hs256 = hmac.doFinal(forged("HS256", valid, new byte[0]).replaceAll("\\.$", "").getBytes(StandardCharsets.US_ASCII));
        String otherKey;
        try (TestIdentityProvider impostor = new TestIdentityProvider()) {
            Map<String, Object> claims = serviceAccountClaims(cluster, "prod", "web");
            otherKey = impostor.token(claims); // the cluster's issuer, key id k1, but another key
        }

        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put(token(cluster, "staging", "web"), "AccessDenied");
        refusals.put(token(cluster, "prod", "admin"), "AccessDenied");
        refusals.put(cluster.token(subjectOnly), "AccessDenied");
        refusals.put(cluster.token(claimsDisagree), "AccessDenied");
        refusals.put(cluster.token(otherAudience), "InvalidIdentityToken");
        // a token not proved to come from the workload's provider is answered as at a workload that does not exist
        refusals.put(cluster.token(expired), "InvalidToken");
        refusals.put(otherKey, "InvalidToken");
        refusals.put(forged("none", valid, new byte[] {0}), "InvalidToken");
        refusals.put(forged("none", valid, new byte[0]), "InvalidToken");
        refusals.put(forged("HS256", valid, hs256), "InvalidToken");
        refusals.put("mfwt_" + "a".repeat(43), "InvalidToken");
        refusals.put("not a token at all", "InvalidToken");

        for (var refusal : refusals.entrySet()) {
            HttpResponse<String> response = getCredentials(setup.credentialsUri(), refusal.getKey());
            assertThat(response.statusCode()).as(refusal.getValue() + ": " + response.body()).isBetween(400, 403);
            assertThat(code(response)).as(response.body()).isEqualTo(refusal.getValue());
            assertThat(Json.mapper().readTree(response.body()).path("message").asText()).isNotBlank();
            assertThat(response.body()).doesNotContain("Exception:").doesNotContain("at dev.").doesNotContain(setup.roleArn());
            String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
            assertThat(storedEventsContaining(requestId)).singleElement().asString()
                    .contains("\"errorCode\":\"" + refusal.getValue() + "\"").contains("MayflyWorkload")
                    .doesNotContain(refusal.getKey());
        }

        HttpResponse<String> oversized = getCredentials(setup.credentialsUri(), "e".repeat(9000));
        assertThat(oversized.statusCode()).isEqualTo(400);
        assertThat(code(oversized)).isEqualTo("InvalidToken");

        Path tokenFile = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "projected-token-").resolve("token");
        Files.writeString(tokenFile, token(cluster, "staging", "web"));
        assertThatThrownBy(() -> withContainerSettings(setup.credentialsUri(), tokenFile,
                () -> ContainerCredentialsProvider.builder().build().resolveCredentials()))
                .isInstanceOf(SdkClientException.class);
    }

    @Test
    void credentialsWhenTokenProvesNothingThenAnsweredAsAtAWorkloadThatDoesNotExist() throws Exception {
        Setup setup = setup("keyless-probe", cluster);
        Map<String, Object> expired = serviceAccountClaims(cluster, "prod", "web");
        expired.put("exp", Instant.now().minusSeconds(3600).getEpochSecond());
        Map<String, Object> otherIssuer = serviceAccountClaims(cluster, "prod", "web");
        otherIssuer.put("iss", "https://attacker.example.com");
        URI existing = setup.credentialsUri();
        URI unknown = URI.create(existing.toString().replaceAll("wl-[a-z0-9]{20}$", "wl-" + "0".repeat(20)));

        for (String probe : List.of("not a token at all", forged("RS256", otherIssuer, new byte[] {1}), forged("RS256", expired, new byte[] {1}))) {
            HttpResponse<String> atExisting = getCredentials(existing, probe);
            HttpResponse<String> atUnknown = getCredentials(unknown, probe);
            assertThat(atExisting.statusCode()).as(atExisting.body()).isEqualTo(atUnknown.statusCode());
            assertThat(atExisting.body()).as("nothing tells that the workload exists, nor its name").isEqualTo(atUnknown.body())
                    .doesNotContain("web");
        }
    }

    @Test
    void credentialsWhenTokenOfAnotherAccountsIssuerThenRefused() throws Exception {
        try (TestIdentityProvider otherCluster = new TestIdentityProvider()) {
            Setup mine = setup("keyless-mine", cluster);
            Setup theirs = setup("keyless-theirs", otherCluster);

            HttpResponse<String> crossed = getCredentials(theirs.credentialsUri(), token(cluster, "prod", "web"));
            HttpResponse<String> crossedBack = getCredentials(mine.credentialsUri(), token(otherCluster, "prod", "web"));

            for (HttpResponse<String> response : List.of(crossed, crossedBack)) {
                assertThat(response.statusCode()).isEqualTo(403);
                assertThat(code(response)).isEqualTo("InvalidToken");
                assertThat(storedEventsContaining(response.headers().firstValue("x-amzn-RequestId").orElseThrow())).singleElement()
                        .asString().as("the workload's trail says why").contains("refusalReason").contains("issuer (iss)");
            }
            assertThat(getCredentials(theirs.credentialsUri(), token(otherCluster, "prod", "web")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void registrationWhenOidcIdentityBadOrAnotherTenantsThenRefusedAndNoTokenToRotate() throws Exception {
        Setup setup = setup("keyless-owner", cluster);
        NewAccount other = IssuerFixture.newAccount("keyless-other");
        String otherRole = iam(root(other)).createRole(r -> r.roleName("app").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"workloads.mayfly"},"Action":"sts:AssumeRole"}}"""))
                .role().arn();

        HttpResponse<String> foreignProvider = workloads(other, "POST", "", registration("steal", otherRole, setup.providerArn(), "prod", "web"));
        HttpResponse<String> missingProvider = workloads(other, "POST", "", registration("none", otherRole,
                setup.providerArn().replace(setup.account().accountId(), other.accountId()), "prod", "web"));
        assertThat(foreignProvider.statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(foreignProvider.body()).path("__type").asText()).isEqualTo("NoSuchEntity");
        assertThat(Json.mapper().readTree(missingProvider.body()).path("message").asText().replace(other.accountId(), "ACCOUNT"))
                .as("another tenant's provider is answered as one that does not exist")
                .isEqualTo(Json.mapper().readTree(foreignProvider.body()).path("message").asText()
                        .replace(setup.account().accountId(), "ACCOUNT"));

        for (String body : List.of(
                registration("bad", otherRole, "arn:aws:iam::123:oidc-provider/x", "prod", "web"),
                registration("bad", otherRole, setup.providerArn(), "Prod_", "web"),
                registration("bad", otherRole, setup.providerArn(), "prod", "WEB!"),
                registration("bad", otherRole, setup.providerArn(), "prod", "a".repeat(254)),
                "{\"Name\":\"bad\",\"RoleArn\":\"" + otherRole + "\",\"OidcIdentity\":\"system:serviceaccount:prod:web\"}",
                "{\"Name\":\"bad\",\"RoleArn\":\"" + otherRole + "\",\"OidcIdentity\":{\"ProviderArn\":7,\"Namespace\":[],\"ServiceAccount\":{}}}")) {
            HttpResponse<String> refused = workloads(other, "POST", "", body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(refused.body()).contains("ValidationError").doesNotContain("Exception:");
        }
        HttpResponse<String> unsigned = HTTP.send(HttpRequest.newBuilder(URI.create(IssuerFixture.endpoint() + "/mayfly/workloads"))
                .POST(HttpRequest.BodyPublishers.ofString(registration("anon", otherRole, setup.providerArn(), "prod", "web"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(storedEventsContaining(unsigned.headers().firstValue("x-amzn-RequestId").orElseThrow())).hasSize(1);

        HttpResponse<String> rotate = workloads(setup.account(), "POST", "/web/token", null);
        assertThat(rotate.statusCode()).isEqualTo(400);
        assertThat(rotate.body()).contains("ValidationError").contains("OIDC identity").doesNotContain("AuthorizationToken");
        assertThat(workloads(setup.account(), "DELETE", "/web/token", null).statusCode()).isEqualTo(400);
        assertThat(workloads(other, "GET", "/web", null).statusCode()).as("another tenant sees nothing").isEqualTo(404);

        assertThat(workloads(setup.account(), "DELETE", "/web", null).statusCode()).isEqualTo(204);
        HttpResponse<String> deleted = getCredentials(setup.credentialsUri(), token(cluster, "prod", "web"));
        assertThat(deleted.statusCode()).isEqualTo(403);
        assertThat(code(deleted)).isEqualTo("InvalidToken");
    }

    @Test
    void credentialsWhenRoleQuarantinedThenRefusedAsForATokenWorkload() throws Exception {
        Setup setup = setup("keyless-quarantine", cluster);
        assertThat(getCredentials(setup.credentialsUri(), token(cluster, "prod", "web")).statusCode()).isEqualTo(200);

        Instant now = Instant.now();
        RevocationRule quarantine = new RevocationRule("rr-keyless-quarantine", setup.account().accountId(), RevocationRule.Scope.ROLE,
                setup.roleArn(), now.plusSeconds(3600), now, "arn:aws:iam::" + setup.account().accountId() + ":root", "leaked pod",
                now.plusSeconds(3600), RevocationRule.Kind.QUARANTINE);
        // signed as the revocation service signs, with a ring whose public half the issuer finds beside its own keys
        Path keys = IssuerFixture.tokenKeysFile();
        RecordSigner revocationService = new RecordSigner(new PublishedKeyRing(keys.resolveSibling("revocation-signing.keys"),
                keys.resolveSibling("revocation-signing.pub")).loadOrCreate(now), Clock.systemUTC());
        try (var producer = KafkaProducers.reliable(KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers()), "keyless-test")) {
            producer.send(revocationService.sign(new ProducerRecord<>(Topics.REVOCATIONS, quarantine.ruleId(),
                    Json.mapper().writeValueAsBytes(quarantine)))).get();
        }

        HttpResponse<String> refused = null;
        for (Instant deadline = Instant.now().plus(Duration.ofSeconds(15)); Instant.now().isBefore(deadline); Thread.sleep(100)) {
            refused = getCredentials(setup.credentialsUri(), token(cluster, "prod", "web"));
            if (refused.statusCode() != 200) {
                break;
            }
        }
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(code(refused)).isEqualTo("AccessDenied");
        assertThat(Json.mapper().readTree(refused.body()).path("message").asText()).contains("quarantined");
    }
}
