package dev.mayfly.dev;

import static dev.mayfly.dev.Tenants.iam;
import static dev.mayfly.dev.Tenants.root;
import static dev.mayfly.dev.Tenants.sts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.runtime.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** ./mayfly workload and ./mayfly credential-process, as a terminal runs them. */
class WorkloadCommandTest {

    private record Run(int status, String out, String err) {
    }

    private static Run mayfly(Settings settings, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = MayflyCli.run(args, settings, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A new account whose role "app" trusts workloads. */
    private static NewAccount accountWithWorkloadRole(String name) {
        NewAccount account = Platform.get().issuer.accounts().create(name);
        iam(root(account)).createRole(r -> r.roleName("app").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"workloads.mayfly"},"Action":"sts:AssumeRole"}}"""));
        return account;
    }

    /** The CLI's settings for the account's root, against the test platform, with this MAYFLY_HOME and any more. */
    private static Map<String, String> signedAs(NewAccount account, Path home, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", account.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", account.secretAccessKey(), "MAYFLY_ISSUER_URL", Platform.get().issuerUrl().toString(),
                "MAYFLY_HOME", home.toString()));
        settings.putAll(more);
        return settings;
    }

    @Test
    void workloadCreateWhenRoleTrustsWorkloadsThenPrintsUriAndTokenOnceAndCredentialProcessUsesThem() throws Exception {
        NewAccount account = accountWithWorkloadRole("workload-cli");
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "workload-cli-");
        Settings settings = Settings.of(signedAs(account, home, Map.of()));

        Run created = mayfly(settings, "workload", "create", "cli", "--role-arn", "arn:aws:iam::" + account.accountId() + ":role/app",
                "--duration-seconds", "900");
        Run process = mayfly(settings, "credential-process", "--workload", "cli");
        Run rotated = mayfly(settings, "workload", "rotate", "cli");
        Run unknown = mayfly(settings, "workload", "get", "nosuch");

        assertThat(created.status()).as(created.err()).isZero();
        JsonNode printed = Json.mapper().readTree(created.out());
        assertThat(printed.properties()).extracting(Map.Entry::getKey).containsExactly("CredentialsUri", "AuthorizationToken");
        Path kept = home.resolve("workloads").resolve("cli.json");
        assertThat(Json.mapper().readTree(Files.readString(kept))).isEqualTo(Json.mapper().readTree(rotated.out()));
        assertThat(Files.getPosixFilePermissions(kept)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        JsonNode version1 = Json.mapper().readTree(process.out());
        assertThat(version1.path("Version").asInt()).isEqualTo(1);
        assertThat(sts(AwsSessionCredentials.create(version1.path("AccessKeyId").asText(), version1.path("SecretAccessKey").asText(),
                version1.path("SessionToken").asText())).getCallerIdentity().arn()).endsWith(":assumed-role/app/cli");
        assertThat(Json.mapper().readTree(rotated.out()).path("AuthorizationToken").asText())
                .isNotEqualTo(printed.path("AuthorizationToken").asText());
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).contains("NoSuchEntity");
    }

    @Test
    void workloadCreateWhenRegisteredThenPrintsACredentialProcessLineThatWorksWithoutMayflyHome() throws Exception {
        NewAccount account = accountWithWorkloadRole("workload-line");
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "workload-line-");
        Settings settings = Settings.of(signedAs(account, home, Map.of("MAYFLY_LAUNCHER", "/opt/mayfly 1/bin/mayfly")));

        Run created = mayfly(settings, "workload", "create", "web", "--role-arn", "arn:aws:iam::" + account.accountId() + ":role/app");

        Path kept = home.resolve("workloads").resolve("web.json");
        assertThat(created.err()).contains("[profile web]\ncredential_process = '/opt/mayfly 1/bin/mayfly' credential-process --token-file "
                + kept + "\n");
        // the line's arguments, as the AWS CLI would run them from anywhere: they need no MAYFLY_HOME
        Run process = mayfly(Settings.of(Map.of()), "credential-process", "--token-file", kept.toString());
        assertThat(process.status()).as(process.err()).isZero();
        assertThat(Json.mapper().readTree(process.out()).path("Version").asInt()).isEqualTo(1);
    }

    @Test
    void workloadCreateWhenOidcIdentityThenPrintsTheUriAndNoTokenAndKeepsNone() throws Exception {
        NewAccount account = accountWithWorkloadRole("workload-keyless");
        String provider = iam(root(account)).createOpenIDConnectProvider(r -> r.url("https://oidc.example.com/cluster").clientIDList("mayfly"))
                .openIDConnectProviderArn();
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "workload-keyless-");
        Settings settings = Settings.of(signedAs(account, home, Map.of()));
        String role = "arn:aws:iam::" + account.accountId() + ":role/app";

        Run created = mayfly(settings, "workload", "create", "pods", "--role-arn", role, "--oidc-provider-arn", provider,
                "--namespace", "prod", "--service-account", "web");
        Run partial = mayfly(settings, "workload", "create", "half", "--role-arn", role, "--namespace", "prod");
        Run shown = mayfly(settings, "workload", "get", "pods");

        assertThat(created.status()).as(created.err()).isZero();
        JsonNode printed = Json.mapper().readTree(created.out());
        assertThat(printed.properties()).extracting(Map.Entry::getKey).containsExactly("CredentialsUri");
        assertThat(created.err()).contains("AWS_CONTAINER_CREDENTIALS_FULL_URI=" + printed.path("CredentialsUri").asText())
                .contains("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
        assertThat(home.resolve("workloads").resolve("pods.json")).doesNotExist();
        assertThat(partial.status()).isNotZero();
        assertThat(partial.err()).contains("go together");
        assertThat(Json.mapper().readTree(shown.out()).path("Workload").path("OidcIdentity").path("ServiceAccount").asText()).isEqualTo("web");
    }
}
