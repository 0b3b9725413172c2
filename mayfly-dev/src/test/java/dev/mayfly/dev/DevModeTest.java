package dev.mayfly.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.cli.CliException;
import dev.mayfly.contract.Json;
import dev.mayfly.embedded.FreePorts;
import dev.mayfly.runtime.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.sts.StsClient;

/** ./mayfly dev and ./mayfly account create, as a user runs them, on free ports and a fresh MAYFLY_HOME. */
class DevModeTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String arnOf(int issuerPort, String accessKeyId, String secret) {
        return StsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + issuerPort)).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .build().getCallerIdentity().arn();
    }

    private static HttpResponse<String> get(String port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls keys status until the audit service reports the digest key in use: it follows mayfly.keys within seconds. */
    private static void awaitDigestKeyInUse(Settings cli, String keyId) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        String seen = "";
        while (System.nanoTime() < deadline) {
            ByteArrayOutputStream status = new ByteArrayOutputStream();
            MayflyCli.run(new String[] {"keys", "status", "--json"}, cli, new PrintStream(status, true, StandardCharsets.UTF_8), System.err);
            for (JsonNode service : Json.mapper().readTree(status.toString(StandardCharsets.UTF_8)).path("services")) {
                if (service.path("service").asText().equals("audit")) {
                    seen = service.path("keysInUse").path("audit-digest-signing").asText();
                }
            }
            if (seen.equals(keyId)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the audit service did not switch its digest key to " + keyId + " within 60 s (uses " + seen + ")");
    }

    private static String profileValue(String credentials, String key) {
        Matcher m = Pattern.compile(key + " = (\\S+)").matcher(credentials);
        assertThat(m.find()).as(key).isTrue();
        return m.group(1);
    }

    @Test
    void devWhenStartedTwiceOnOneHomeThenBootstrapsOnceAndKeepsState() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "dev-home-");
        Map<String, String> ports = Map.of("MAYFLY_HOME", home.toString(),
                "MAYFLY_POSTGRES_PORT", Integer.toString(FreePorts.next()), "MAYFLY_KAFKA_PORT", Integer.toString(FreePorts.next()),
                "MAYFLY_ELASTICSEARCH_PORT", Integer.toString(FreePorts.next()), "MAYFLY_ISSUER_PORT", Integer.toString(FreePorts.next()),
                "MAYFLY_AUDIT_PORT", Integer.toString(FreePorts.next()), "MAYFLY_REVOCATION_PORT", Integer.toString(FreePorts.next()),
                "MAYFLY_ISSUER_MANAGEMENT_PORT", Integer.toString(FreePorts.next()),
                "MAYFLY_AUDIT_MANAGEMENT_PORT", Integer.toString(FreePorts.next()),
                "MAYFLY_REVOCATION_MANAGEMENT_PORT", Integer.toString(FreePorts.next()));
        Settings settings = Settings.of(ports);
        int issuerPort = Integer.parseInt(ports.get("MAYFLY_ISSUER_PORT"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        String credentials;
        JsonNode tenant;
        JsonNode rotatedRoot;
        try (DevMode.Running ignored = DevMode.start(settings, new PrintStream(console, true, StandardCharsets.UTF_8))) {
            assertThat(console.toString(StandardCharsets.UTF_8)).contains("[6/6]", "Mayfly is ready", "sts get-caller-identity");
            for (String port : new String[] {"MAYFLY_ISSUER_PORT", "MAYFLY_AUDIT_PORT", "MAYFLY_REVOCATION_PORT"}) {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(port) + "/healthz"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).as(port).isEqualTo(200);
                String management = ports.get(port.replace("_PORT", "_MANAGEMENT_PORT"));
                assertThat(console.toString(StandardCharsets.UTF_8)).contains("http://127.0.0.1:" + management);
                assertThat(get(ports.get(port), "/metrics").statusCode()).as(port + " /metrics").isEqualTo(404);
                assertThat(get(management, "/metrics").statusCode()).as(port + " management /metrics").isEqualTo(200);
            }
            credentials = Files.readString(home.resolve("credentials"));
            assertThat(credentials).startsWith("[mayfly]");
            assertThat(Files.readString(home.resolve("config"))).contains("[profile mayfly]", "region = us-east-1");
            assertThat(Files.getPosixFilePermissions(home.resolve("credentials")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
            assertThat(arnOf(issuerPort, profileValue(credentials, "aws_access_key_id"), profileValue(credentials, "aws_secret_access_key")))
                    .isEqualTo("arn:aws:iam::000000000001:root");

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = MayflyCli.run(new String[] {"account", "create", "team-blue"}, settings,
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            assertThat(exit).isZero();
            tenant = Json.mapper().readTree(out.toString(StandardCharsets.UTF_8));
            assertThat(tenant.path("AccountId").asText()).matches("\\d{12}").isNotEqualTo("000000000001");

            ByteArrayOutputStream region = new ByteArrayOutputStream();
            assertThat(MayflyCli.run(new String[] {"account", "sts-region", tenant.path("AccountId").asText(), "eu-west-1", "inactive"},
                    settings, new PrintStream(region, true, StandardCharsets.UTF_8), System.err)).isZero();
            assertThat(Json.mapper().readTree(region.toString(StandardCharsets.UTF_8)).path("InactiveRegions").get(0).asText())
                    .isEqualTo("eu-west-1");

            // the first start made the deployment's keys on purpose, as ./mayfly keys init does
            assertThat(console.toString(StandardCharsets.UTF_8)).contains("key rings on mayfly.keys under key-encryption key kek-");
            assertThat(home.resolve("keys/key-encryption.key")).exists();
            assertThat(home.resolve("keys/session-token.keys")).as("no key file of the issuer's own").doesNotExist();
            ByteArrayOutputStream rotation = new ByteArrayOutputStream();
            assertThat(MayflyCli.run(new String[] {"keys", "rotate"}, settings, new PrintStream(rotation, true, StandardCharsets.UTF_8),
                    System.err)).isZero();
            JsonNode rotated = Json.mapper().readTree(rotation.toString(StandardCharsets.UTF_8));
            assertThat(rotated.path("KeyIds")).hasSize(2);
            ByteArrayOutputStream keysStatus = new ByteArrayOutputStream();
            // the CLI finds Kafka as services run on their own do: dev mode's is on a port of this test's own
            Settings cli = settings.with(Map.of("MAYFLY_KAFKA_BOOTSTRAP", "127.0.0.1:" + ports.get("MAYFLY_KAFKA_PORT")));
            assertThat(MayflyCli.run(new String[] {"keys", "status"}, cli, new PrintStream(keysStatus, true, StandardCharsets.UTF_8),
                    System.err)).as(keysStatus.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(keysStatus.toString(StandardCharsets.UTF_8))
                    .contains("mayfly.keys      session-token         " + rotated.path("CurrentKeyId").asText())
                    .contains("issuer           session-token         " + rotated.path("CurrentKeyId").asText())
                    .contains("mayfly.keys      revocation-signing", "mayfly.keys      audit-feed-signing", "mayfly.keys      audit-digest-signing",
                            "mayfly.keys      service-credentials", "issuer           service-credentials")
                    .as("every service uses the deployment's current keys").doesNotContain("not the current key")
                    .doesNotContain(Files.readString(home.resolve("keys/key-encryption.key")).strip());
            // a credential made by the CLI from the deployment's ring is the one the issuers admit
            Path made = home.resolve("notes-again.service-credential");
            assertThat(MayflyCli.run(new String[] {"service-credential", "notes", "--out", made.toString()}, cli, System.out,
                    System.err)).isZero();
            assertThat(Files.readString(made)).isEqualTo(Files.readString(home.resolve("keys/notes.service-credential")));

            // a ring rotated on mayfly.keys by the operator: the running audit service signs digests with its new key
            ByteArrayOutputStream digestRotation = new ByteArrayOutputStream();
            assertThat(MayflyCli.run(new String[] {"keys", "rotate", "audit-digest-signing"}, cli,
                    new PrintStream(digestRotation, true, StandardCharsets.UTF_8), System.err)).isZero();
            Matcher digestKeys = Pattern.compile("audit-digest-signing rotated: (\\S+) -> (\\S+) \\(generation \\d+; keys (.*)\\)")
                    .matcher(digestRotation.toString(StandardCharsets.UTF_8));
            assertThat(digestKeys.find()).as(digestRotation.toString(StandardCharsets.UTF_8)).isTrue();
            assertThat(digestKeys.group(2)).isNotEqualTo(digestKeys.group(1));
            assertThat(digestKeys.group(3)).as("the old key stays to validate the digests it signed").contains(digestKeys.group(1));
            assertThat(digestRotation.toString(StandardCharsets.UTF_8))
                    .doesNotContain(Files.readString(home.resolve("keys/key-encryption.key")).strip());
            awaitDigestKeyInUse(cli, digestKeys.group(2));

            ByteArrayOutputStream revoked = new ByteArrayOutputStream();
            assertThat(MayflyCli.run(new String[] {"revoke", "--scope", "SourceIdentity", "--target", "nobody", "--reason", "drill"},
                    settings, new PrintStream(revoked, true, StandardCharsets.UTF_8), System.err)).isZero();
            String ruleId = Json.mapper().readTree(revoked.toString(StandardCharsets.UTF_8)).path("RuleId").asText();
            assertThat(ruleId).startsWith("rr-");
            ByteArrayOutputStream listed = new ByteArrayOutputStream();
            assertThat(MayflyCli.run(new String[] {"revoke", "list"}, settings, new PrintStream(listed, true, StandardCharsets.UTF_8),
                    System.err)).isZero();
            assertThat(listed.toString(StandardCharsets.UTF_8)).contains(ruleId, "drill");
            assertThat(MayflyCli.run(new String[] {"revoke", "lift", ruleId}, settings, System.out, System.err)).isZero();
            ByteArrayOutputStream refused = new ByteArrayOutputStream();
            assertThat(MayflyCli.run(new String[] {"revoke", "--scope", "Everything", "--target", "x"}, settings, System.out,
                    new PrintStream(refused, true, StandardCharsets.UTF_8))).isEqualTo(1);
            assertThat(refused.toString(StandardCharsets.UTF_8)).contains("The revocation service refused").contains("Scope must be one of");

            CloudTrailClient tenantTrail = CloudTrailClient.builder()
                    .endpointOverride(URI.create("http://127.0.0.1:" + ports.get("MAYFLY_AUDIT_PORT"))).region(Region.US_EAST_1)
                    .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(tenant.path("AccessKeyId").asText(), tenant.path("SecretAccessKey").asText())))
                    .build();
            var creation = PlatformEndToEndTest.eventually(java.time.Duration.ofSeconds(15), () -> tenantTrail.lookupEvents(r -> r
                    .lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("CreateAccount")))
                    .events().stream().findFirst().orElse(null));
            assertThat(creation.eventSource()).isEqualTo("admin.mayfly");
            assertThat(creation.cloudTrailEvent()).contains("team-blue").doesNotContain(tenant.path("SecretAccessKey").asText());

            ByteArrayOutputStream rootRotation = new ByteArrayOutputStream();
            assertThat(MayflyCli.run(new String[] {"account", "rotate-root-key", tenant.path("AccountId").asText(), "--keep-old"},
                    settings, new PrintStream(rootRotation, true, StandardCharsets.UTF_8), System.err)).isZero();
            rotatedRoot = Json.mapper().readTree(rootRotation.toString(StandardCharsets.UTF_8));
            assertThat(rotatedRoot.path("DeactivatedKeyIds")).as("--keep-old").isEmpty();
            assertThat(arnOf(issuerPort, rotatedRoot.path("AccessKeyId").asText(), rotatedRoot.path("SecretAccessKey").asText()))
                    .isEqualTo("arn:aws:iam::" + tenant.path("AccountId").asText() + ":root");
            var rotationRecord = PlatformEndToEndTest.eventually(java.time.Duration.ofSeconds(15), () -> tenantTrail.lookupEvents(r -> r
                    .lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("RotateRootAccessKey")))
                    .events().stream().findFirst().orElse(null));
            assertThat(rotationRecord.cloudTrailEvent()).contains(rotatedRoot.path("AccessKeyId").asText())
                    .doesNotContain(rotatedRoot.path("SecretAccessKey").asText());
            assertThat(MayflyCli.run(new String[] {"account", "rotate-root-key", tenant.path("AccountId").asText(), "--bogus"},
                    settings, System.out, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))).isEqualTo(2);
        }

        console.reset();
        try (DevMode.Running ignored = DevMode.start(settings, new PrintStream(console, true, StandardCharsets.UTF_8))) {
            assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("created");
            assertThat(Files.readString(home.resolve("credentials"))).isEqualTo(credentials);
            assertThat(arnOf(issuerPort, profileValue(credentials, "aws_access_key_id"), profileValue(credentials, "aws_secret_access_key")))
                    .isEqualTo("arn:aws:iam::000000000001:root");
            assertThat(arnOf(issuerPort, tenant.path("AccessKeyId").asText(), tenant.path("SecretAccessKey").asText()))
                    .isEqualTo("arn:aws:iam::" + tenant.path("AccountId").asText() + ":root");
            assertThat(arnOf(issuerPort, rotatedRoot.path("AccessKeyId").asText(), rotatedRoot.path("SecretAccessKey").asText()))
                    .as("the rotated root key, after the directory is rebuilt from the event store")
                    .isEqualTo("arn:aws:iam::" + tenant.path("AccountId").asText() + ":root");
        }
    }

    @Test
    void devWhenTlsKeystoreSetThenRefusesBeforeStartingAnything() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "dev-tls-");
        Settings settings = Settings.of(Map.of("MAYFLY_HOME", home.toString(), "MAYFLY_TLS_KEYSTORE", home.resolve("issuer.p12").toString()));

        assertThatThrownBy(() -> DevMode.start(settings, System.out)).isInstanceOf(CliException.class)
                .hasMessageContaining("unset MAYFLY_TLS_KEYSTORE");
        try (var started = Files.list(home)) {
            assertThat(started).isEmpty();
        }
    }

    @Test
    void devWhenKafkaOrElasticsearchSecuritySetThenRefusesBeforeStartingAnything() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "dev-client-security-");
        Settings settings = Settings.of(Map.of("MAYFLY_HOME", home.toString(), "MAYFLY_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "MAYFLY_ELASTICSEARCH_API_KEY", "aWQ6a2V5"));

        assertThatThrownBy(() -> DevMode.start(settings, System.out)).isInstanceOf(CliException.class)
                .hasMessageContaining("MAYFLY_KAFKA_SECURITY_PROTOCOL").hasMessageContaining("MAYFLY_ELASTICSEARCH_API_KEY")
                .hasMessageNotContaining("aWQ6a2V5");
        try (var started = Files.list(home)) {
            assertThat(started).isEmpty();
        }
    }

    @Test
    void accountCreateWhenMayflyNotRunningThenClearMessage() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "no-dev-");
        Files.createDirectories(home.resolve("keys"));
        Files.writeString(home.resolve("keys/admin-token"), "token");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = MayflyCli.run(new String[] {"account", "create", "x"}, Settings.of(Map.of("MAYFLY_HOME", home.toString(),
                "MAYFLY_ISSUER_MANAGEMENT_PORT", Integer.toString(FreePorts.next()))), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Mayfly is not running at").contains("./mayfly dev");
    }

    @Test
    void helpWhenAskedThenListsEveryCommand() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(MayflyCli.run(new String[] {"--help"}, Settings.of(Map.of()), new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("dev", "test", "account create NAME");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(MayflyCli.run(new String[] {"frobnicate"}, Settings.of(Map.of()), System.out, new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown command 'frobnicate'");
    }
}
