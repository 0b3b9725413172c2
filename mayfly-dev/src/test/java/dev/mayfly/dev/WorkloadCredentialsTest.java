package dev.mayfly.dev;

import static dev.mayfly.dev.PlatformEndToEndTest.eventually;
import static dev.mayfly.dev.Tenants.cloudTrail;
import static dev.mayfly.dev.Tenants.iam;
import static dev.mayfly.dev.Tenants.root;
import static dev.mayfly.dev.Tenants.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.agent.CredentialsCache;
import dev.mayfly.agent.MetadataAgent;
import dev.mayfly.agent.WorkloadBootstrap;
import dev.mayfly.agent.WorkloadCredentials;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.runtime.TlsTrust;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Workloads get credentials the way AWS workloads do, through the AWS SDK for Java v2's own providers: the container
 * provider against the credentials endpoint, the instance profile provider against ./mayfly agent, and a profile's
 * credential_process running ./mayfly credential-process.
 */
class WorkloadCredentialsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Platform platform = Platform.get();

    /** A tenant with role "app" that workloads may assume, and a registered workload "web" running as it. */
    private record Setup(NewAccount account, String roleArn, JsonNode registration) {
        URI credentialsUri() {
            return URI.create(registration.path("CredentialsUri").asText());
        }

        String token() {
            return registration.path("AuthorizationToken").asText();
        }
    }

    private Setup setup(String tenant, int durationSeconds) throws Exception {
        NewAccount account = platform.issuer.accounts().create(tenant);
        String roleArn = "arn:aws:iam::" + account.accountId() + ":role/app";
        iam(root(account)).createRole(r -> r.roleName("app").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"workloads.mayfly"},"Action":"sts:AssumeRole",
                 "Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:workloads::%s:workload/web*"}}}}""".formatted(account.accountId())));
        HttpResponse<String> created = workloads(account, "POST", "", """
                {"Name":"web","RoleArn":"%s","DurationSeconds":%d}""".formatted(roleArn, durationSeconds));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new Setup(account, roleArn, Json.mapper().readTree(created.body()));
    }

    private HttpResponse<String> workloads(NewAccount account, String method, String path, String json) throws Exception {
        return new SignedJsonClient(root(account), "workloads").send(method, URI.create(platform.issuerUrl() + "/mayfly/workloads" + path), json);
    }

    private static StsClient stsWith(AwsCredentialsProvider provider) {
        return StsClient.builder().endpointOverride(Platform.get().issuerUrl()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(provider).build();
    }

    private static HttpResponse<String> getCredentials(URI uri, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The container provider reads AWS_CONTAINER_* from the environment or these system properties; set for the call only. */
    private static <T> T withContainerSettings(Setup setup, java.util.function.Supplier<T> call) {
        System.setProperty("aws.containerCredentialsFullUri", setup.credentialsUri().toString());
        System.setProperty("aws.containerAuthorizationToken", setup.token());
        try {
            return call.get();
        } finally {
            System.clearProperty("aws.containerCredentialsFullUri");
            System.clearProperty("aws.containerAuthorizationToken");
        }
    }

    @Test
    void containerProviderWhenTokenValidThenCallsAsTheRoleAndAuditShowsTheWorkload() throws Exception {
        Setup setup = setup("workload-container", 3600);

        String arn = withContainerSettings(setup, () -> {
            ContainerCredentialsProvider provider = ContainerCredentialsProvider.builder().build();
            return stsWith(provider).getCallerIdentity().arn();
        });

        assertThat(arn).isEqualTo("arn:aws:sts::" + setup.account().accountId() + ":assumed-role/app/web");
        assertThat(setup.registration().path("CredentialsUri").asText()).startsWith(platform.issuerUrl() + "/mayfly/workload-credentials/wl-");
        JsonNode record = Json.mapper().readTree(eventually(Duration.ofSeconds(15), () -> cloudTrail(root(setup.account()))
                .lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("AssumeRole")))
                .events().stream().findFirst().orElse(null)).cloudTrailEvent());
        assertThat(record.path("userIdentity").path("type").asText()).isEqualTo("MayflyWorkload");
        assertThat(record.path("userIdentity").path("arn").asText())
                .isEqualTo("arn:aws:workloads::" + setup.account().accountId() + ":workload/web");
        assertThat(record.path("requestParameters").path("roleArn").asText()).isEqualTo(setup.roleArn());
        assertThat(record.toString()).doesNotContain(setup.token()).doesNotContain("SecretAccessKey");
    }

    @Test
    void credentialsEndpointWhenAskedAgainBeforeExpiryThenAFreshSessionAndBothWork() throws Exception {
        Setup setup = setup("workload-refresh", 900);

        // what an SDK's refresh is: the same GET, before the credentials in hand expire
        JsonNode first = Json.mapper().readTree(getCredentials(setup.credentialsUri(), setup.token()).body());
        JsonNode second = Json.mapper().readTree(getCredentials(setup.credentialsUri(), setup.token()).body());

        assertThat(second.path("AccessKeyId").asText()).startsWith("ASIA").isNotEqualTo(first.path("AccessKeyId").asText());
        assertThat(Duration.between(Instant.now(), Instant.parse(second.path("Expiration").asText())))
                .isBetween(Duration.ofSeconds(880), Duration.ofSeconds(900));
        for (JsonNode credentials : List.of(first, second)) {
            assertThat(sts(AwsSessionCredentials.create(credentials.path("AccessKeyId").asText(), credentials.path("SecretAccessKey").asText(),
                    credentials.path("Token").asText())).getCallerIdentity().arn()).endsWith(":assumed-role/app/web");
        }
    }

    @Test
    void agentWhenInstanceProfileProviderAsksThenCredentialsAndRefreshedBeforeExpiryByItsClock() throws Exception {
        Setup setup = setup("workload-agent", 900);
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        List<String> progress = new ArrayList<>();
        CredentialsCache cache = new CredentialsCache(new WorkloadCredentials.Fetcher(
                new WorkloadBootstrap(setup.credentialsUri(), setup.token()), TlsTrust.PUBLIC_CAS, now::get), now::get, progress::add);
        try (MetadataAgent agent = new MetadataAgent(cache, now::get, false, new InetSocketAddress("127.0.0.1", 0))
                .start(Duration.ofHours(1))) {
            String endpoint = "http://127.0.0.1:" + agent.port();
            AwsCredentials first = InstanceProfileCredentialsProvider.builder().endpoint(endpoint).build().resolveCredentials();
            assertThat(stsWith(() -> first).getCallerIdentity().arn()).endsWith(":assumed-role/app/web");

            now.set(now.get().plus(Duration.ofMinutes(9)));
            AwsCredentials stillFirst = InstanceProfileCredentialsProvider.builder().endpoint(endpoint).build().resolveCredentials();
            now.set(now.get().plus(Duration.ofMinutes(1).plusSeconds(1)));
            AwsCredentials second = InstanceProfileCredentialsProvider.builder().endpoint(endpoint).build().resolveCredentials();

            assertThat(stillFirst.accessKeyId()).isEqualTo(first.accessKeyId());
            assertThat(second.accessKeyId()).isNotEqualTo(first.accessKeyId());
            assertThat(stsWith(() -> second).getCallerIdentity().arn()).endsWith(":assumed-role/app/web");
            assertThat(String.join("\n", progress)).contains("refreshed").doesNotContain(((AwsSessionCredentials) second).sessionToken());
        }
    }

    @Test
    void agentWhenRequestHasNoSessionTokenOrComesThroughAProxyThenRefused() throws Exception {
        Setup setup = setup("workload-imds", 3600);
        CredentialsCache cache = new CredentialsCache(new WorkloadCredentials.Fetcher(
                new WorkloadBootstrap(setup.credentialsUri(), setup.token()), TlsTrust.PUBLIC_CAS, Instant::now), Instant::now, line -> { });
        try (MetadataAgent agent = new MetadataAgent(cache, Instant::now, false, new InetSocketAddress("127.0.0.1", 0))
                .start(Duration.ofHours(1))) {
            URI base = URI.create("http://127.0.0.1:" + agent.port());
            HttpResponse<String> v1 = HTTP.send(HttpRequest.newBuilder(base.resolve(MetadataAgent.CREDENTIALS_PATH)).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> noTtl = HTTP.send(HttpRequest.newBuilder(base.resolve(MetadataAgent.TOKEN_PATH))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> proxied = HTTP.send(HttpRequest.newBuilder(base.resolve(MetadataAgent.TOKEN_PATH))
                    .header(MetadataAgent.TTL_HEADER, "60").header("X-Forwarded-For", "203.0.113.9")
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(base.resolve(MetadataAgent.CREDENTIALS_PATH))
                    .header(MetadataAgent.TOKEN_HEADER, "made-up").build(), HttpResponse.BodyHandlers.ofString());

            assertThat(v1.statusCode()).isEqualTo(401);
            assertThat(noTtl.statusCode()).isEqualTo(400);
            assertThat(proxied.statusCode()).isEqualTo(403);
            assertThat(forged.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void credentialProcessWhenProfileNamesItThenTheSdkGetsCredentials() throws Exception {
        Setup setup = setup("workload-process", 3600);
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "credential-process-");
        Path tokenFile = dir.resolve("web.json");
        Files.writeString(tokenFile, Json.mapper().writeValueAsString(java.util.Map.of("CredentialsUri", setup.credentialsUri().toString(),
                "AuthorizationToken", setup.token())));
        Path script = dir.resolve("mayfly-credential-process");
        Files.writeString(script, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '"
                + System.getProperty("java.class.path") + "' dev.mayfly.dev.MayflyCli credential-process --token-file '" + tokenFile + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path config = dir.resolve("config");
        Files.writeString(config, "[profile web]\ncredential_process = " + script + "\n");

        ProfileCredentialsProvider provider = ProfileCredentialsProvider.builder().profileName("web")
                .profileFile(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build()).build();

        assertThat(stsWith(provider).getCallerIdentity().arn()).isEqualTo("arn:aws:sts::" + setup.account().accountId() + ":assumed-role/app/web");
    }

    @Test
    void credentialsWhenTokenRotatedOrRevokedThenOldTokenRefusedClearly() throws Exception {
        Setup setup = setup("workload-revoked", 3600);
        HttpResponse<String> rotated = workloads(setup.account(), "POST", "/web/token", null);
        String newToken = Json.mapper().readTree(rotated.body()).path("AuthorizationToken").asText();

        HttpResponse<String> old = getCredentials(setup.credentialsUri(), setup.token());
        assertThat(old.statusCode()).isEqualTo(403);
        assertThat(Json.mapper().readTree(old.body()).path("code").asText()).isEqualTo("TokenRevoked");
        assertThat(getCredentials(setup.credentialsUri(), newToken).statusCode()).isEqualTo(200);

        assertThat(workloads(setup.account(), "DELETE", "/web/token", null).statusCode()).isEqualTo(204);
        HttpResponse<String> revoked = getCredentials(setup.credentialsUri(), newToken);
        assertThat(Json.mapper().readTree(revoked.body()).path("message").asText()).contains("rotated or revoked");
        Setup revokedSetup = new Setup(setup.account(), setup.roleArn(), Json.mapper().createObjectNode()
                .put("CredentialsUri", setup.credentialsUri().toString()).put("AuthorizationToken", newToken));
        assertThatThrownBy(() -> withContainerSettings(revokedSetup, () -> ContainerCredentialsProvider.builder().build().resolveCredentials()))
                .isInstanceOf(SdkClientException.class);
    }

    @Test
    void credentialsWhenRoleRevokedOrQuarantinedThenRefused() throws Exception {
        Setup setup = setup("workload-rule", 3600);
        JsonNode issued = Json.mapper().readTree(getCredentials(setup.credentialsUri(), setup.token()).body());
        AwsSessionCredentials session = AwsSessionCredentials.create(issued.path("AccessKeyId").asText(),
                issued.path("SecretAccessKey").asText(), issued.path("Token").asText());
        assertThat(sts(session).getCallerIdentity().arn()).endsWith(":assumed-role/app/web");
        SignedJsonClient rules = new SignedJsonClient(root(setup.account()), "revocation");

        HttpResponse<String> rule = rules.send("POST", URI.create(platform.revocationUrl() + "/rules"),
                "{\"Scope\":\"Role\",\"Target\":\"" + setup.roleArn() + "\"}");
        assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
        String refusal = eventually(Duration.ofSeconds(5), () -> {
            try {
                sts(session).getCallerIdentity();
                return null;
            } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
                return e.awsErrorDetails().errorCode().equals("AccessDenied") ? e.awsErrorDetails().errorMessage() : null;
            }
        });
        assertThat(refusal).contains("revoked by rule");

        String until = Instant.now().plus(Duration.ofHours(1)).toString();
        assertThat(rules.send("POST", URI.create(platform.revocationUrl() + "/rules"), "{\"Kind\":\"Quarantine\",\"Scope\":\"Role\",\"Target\":\""
                + setup.roleArn() + "\",\"Until\":\"" + until + "\"}").statusCode()).isEqualTo(201);
        JsonNode quarantined = eventually(Duration.ofSeconds(5), () -> {
            try {
                HttpResponse<String> response = getCredentials(setup.credentialsUri(), setup.token());
                return response.statusCode() == 403 ? Json.mapper().readTree(response.body()) : null;
            } catch (Exception e) {
                return null;
            }
        });
        assertThat(quarantined.path("code").asText()).isEqualTo("AccessDenied");
        assertThat(quarantined.path("message").asText()).contains("quarantined");
    }

    @Test
    void credentialsWhenBadInputThenClearErrorsThatRevealNothingAndAreAudited() throws Exception {
        Setup setup = setup("workload-bad-input", 3600);
        URI uri = setup.credentialsUri();
        URI unknown = URI.create(platform.issuerUrl() + "/mayfly/workload-credentials/wl-00000000000000000000");

        HttpResponse<String> missing = getCredentials(uri, null);
        HttpResponse<String> wrong = getCredentials(uri, "mfwt_not-the-token");
        HttpResponse<String> unknownWorkload = getCredentials(unknown, setup.token());
        HttpResponse<String> oversized = getCredentials(uri, "x".repeat(10_000));
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", setup.token())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(Json.mapper().readTree(missing.body()).path("code").asText()).isEqualTo("MissingToken");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(unknownWorkload.statusCode()).isEqualTo(403);
        assertThat(Json.mapper().readTree(unknownWorkload.body())).isEqualTo(Json.mapper().readTree(wrong.body()));
        assertThat(oversized.statusCode()).isEqualTo(400);
        assertThat(post.statusCode()).isEqualTo(405);
        for (HttpResponse<String> response : List.of(missing, wrong, unknownWorkload, oversized, post)) {
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("wl-").doesNotContain(setup.roleArn());
        }
        JsonNode audited = Json.mapper().readTree(eventually(Duration.ofSeconds(15), () -> cloudTrail(root(setup.account()))
                .lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("AssumeRole")))
                .events().stream().filter(e -> e.cloudTrailEvent().contains("InvalidToken")).findFirst().orElse(null)).cloudTrailEvent());
        assertThat(audited.path("userIdentity").path("arn").asText()).endsWith(":workload/web");
        assertThat(audited.toString()).doesNotContain("mfwt_not-the-token");
    }

    @Test
    void workloadsApiWhenOtherTenantOrNoPassRoleThenRefusedAndTokenShownOnlyOnce() throws Exception {
        Setup setup = setup("workload-owner", 3600);
        NewAccount other = platform.issuer.accounts().create("workload-other");

        assertThat(workloads(other, "GET", "/web", null).statusCode()).isEqualTo(404);
        assertThat(workloads(other, "POST", "/web/token", null).statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(workloads(other, "GET", "", null).body()).path("Workloads")).isEmpty();
        JsonNode listed = Json.mapper().readTree(workloads(setup.account(), "GET", "", null).body()).path("Workloads");
        assertThat(listed).hasSize(1);
        assertThat(listed.toString()).doesNotContain(setup.token()).doesNotContain("AuthorizationToken");
        HttpResponse<String> foreignRole = workloads(other, "POST", "", "{\"Name\":\"steal\",\"RoleArn\":\"" + setup.roleArn() + "\"}");
        // another account's role is beyond the tenant boundary: refused before anything is said about it
        assertThat(foreignRole.statusCode()).isEqualTo(403);
        assertThat(foreignRole.body()).contains("AccessDenied");

        var ownerIam = iam(root(setup.account()));
        ownerIam.createUser(r -> r.userName("dev"));
        ownerIam.putUserPolicy(r -> r.userName("dev").policyName("workloads").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"workloads:*","Resource":"*"}}"""));
        var key = ownerIam.createAccessKey(r -> r.userName("dev")).accessKey();
        HttpResponse<String> noPassRole = new SignedJsonClient(software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                key.accessKeyId(), key.secretAccessKey()), "workloads").send("POST", URI.create(platform.issuerUrl() + "/mayfly/workloads"),
                "{\"Name\":\"web2\",\"RoleArn\":\"" + setup.roleArn() + "\"}");
        assertThat(noPassRole.statusCode()).isEqualTo(403);
        assertThat(noPassRole.body()).contains("iam:PassRole");

        assertThat(workloads(setup.account(), "DELETE", "/web", null).statusCode()).isEqualTo(204);
        assertThat(getCredentials(setup.credentialsUri(), setup.token()).statusCode()).isEqualTo(403);
        assertThat(workloads(setup.account(), "GET", "/web", null).statusCode()).isEqualTo(404);
    }

    @Test
    void credentialsWhenSourceAddressNotAllowedThenRefusedAndWhenAllowedThenIssued() throws Exception {
        Setup setup = setup("workload-cidr", 3600);
        String role = setup.roleArn();
        JsonNode elsewhere = Json.mapper().readTree(workloads(setup.account(), "POST", "",
                "{\"Name\":\"web-far\",\"RoleArn\":\"" + role + "\",\"AllowedSourceCidrs\":[\"10.0.0.0/8\"]}").body());
        JsonNode here = Json.mapper().readTree(workloads(setup.account(), "POST", "",
                "{\"Name\":\"web-near\",\"RoleArn\":\"" + role + "\",\"AllowedSourceCidrs\":[\"10.0.0.0/8\",\"127.0.0.0/8\"]}").body());

        HttpResponse<String> refused = getCredentials(URI.create(elsewhere.path("CredentialsUri").asText()),
                elsewhere.path("AuthorizationToken").asText());
        HttpResponse<String> issued = getCredentials(URI.create(here.path("CredentialsUri").asText()), here.path("AuthorizationToken").asText());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Json.mapper().readTree(refused.body()).path("message").asText()).contains("may not ask for credentials from 127.0.0.1");
        assertThat(issued.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(issued.body()).path("RoleArn").asText()).isEqualTo(role);
    }
}
