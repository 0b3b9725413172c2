package dev.mayfly.dev;

import static dev.mayfly.dev.PlatformEndToEndTest.eventually;
import static dev.mayfly.dev.Tenants.iam;
import static dev.mayfly.dev.Tenants.root;
import static dev.mayfly.dev.Tenants.session;
import static dev.mayfly.dev.Tenants.sts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.runtime.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * ./mayfly policy generate and ./mayfly policy unused as a terminal runs them, against an account with one used and
 * one unused user, role and access key, whose used ones made known calls with the AWS SDK.
 */
class PolicyCommandTest {

    private record Run(int status, String out, String err) {
    }

    private static NewAccount account;
    private static Settings settings;
    private static String builderArn;
    private static String idleArn;
    private static String deployArn;
    private static String dormantArn;
    private static AccessKey builderKey;
    private static AccessKey idleKey;

    @BeforeAll
    static void anAccountWithUsedAndUnusedPrincipals() throws Exception {
        account = Platform.get().issuer.accounts().create("policy-cli");
        String id = account.accountId();
        builderArn = "arn:aws:iam::" + id + ":user/builder";
        idleArn = "arn:aws:iam::" + id + ":user/idle";
        deployArn = "arn:aws:iam::" + id + ":role/deploy";
        dormantArn = "arn:aws:iam::" + id + ":role/dormant";
        String trust = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}]}"""
                .formatted(id);
        for (String role : List.of("deploy", "dormant")) {
            iam(root(account)).createRole(r -> r.roleName(role).assumeRolePolicyDocument(trust));
            iam(root(account)).putRolePolicy(r -> r.roleName(role).policyName("read").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GetRole","iam:ListUsers"],"Resource":"*"}]}"""));
        }
        iam(root(account)).createUser(r -> r.userName("builder"));
        iam(root(account)).putUserPolicy(r -> r.userName("builder").policyName("work").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GetUser","iam:ListRoles","iam:ListAccessKeys"],"Resource":"*"},
                {"Effect":"Allow","Action":"sts:AssumeRole","Resource":"%s"}]}""".formatted(deployArn)));
        String groupsPolicy = iam(root(account)).createPolicy(r -> r.policyName("groups").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListGroup*","Resource":"*"}]}""")).policy().arn();
        iam(root(account)).attachUserPolicy(r -> r.userName("builder").policyArn(groupsPolicy));
        builderKey = iam(root(account)).createAccessKey(r -> r.userName("builder")).accessKey();
        iam(root(account)).createUser(r -> r.userName("idle"));
        idleKey = iam(root(account)).createAccessKey(r -> r.userName("idle")).accessKey();

        AwsCredentials builder = AwsBasicCredentials.create(builderKey.accessKeyId(), builderKey.secretAccessKey());
        iam(builder).getUser();
        iam(builder).listRoles();
        Credentials deploy = sts(builder).assumeRole(r -> r.roleArn(deployArn).roleSessionName("ci")).credentials();
        iam(session(deploy)).getRole(r -> r.roleName("deploy"));

        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "policy-cli-");
        settings = Settings.of(Map.of("AWS_ACCESS_KEY_ID", account.accessKeyId(), "AWS_SECRET_ACCESS_KEY", account.secretAccessKey(),
                "MAYFLY_ISSUER_URL", Platform.get().issuerUrl().toString(), "MAYFLY_AUDIT_URL", Platform.get().auditUrl().toString(),
                "MAYFLY_HOME", home.toString()));
        eventually(Duration.ofSeconds(20), () -> mayfly("policy", "generate", "--principal", deployArn, "--since", "10m").out()
                .contains("iam:GetRole") ? true : null);
    }

    private static Run mayfly(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = MayflyCli.run(args, settings, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError(text, e);
        }
    }

    @Test
    void policyGenerateWhenUserMadeKnownCallsThenPrintsExactlyThePolicyOfWhatItUsed() {
        Run generated = mayfly("policy", "generate", "--principal", builderArn, "--since", "10m");

        assertThat(generated.status()).as(generated.err()).isZero();
        assertThat(json(generated.out())).isEqualTo(json("""
                {"Version":"2012-10-17","Statement":[
                  {"Effect":"Allow","Action":"iam:ListRoles","Resource":"*"},
                  {"Effect":"Allow","Action":"sts:AssumeRole","Resource":"%s"},
                  {"Effect":"Allow","Action":"iam:GetUser","Resource":"%s"}]}""".formatted(deployArn, builderArn)));
        assertThat(generated.err()).contains("3 successful call(s)", "3 action(s)");
    }

    @Test
    void policyGenerateWhenWindowBeforeAnyCallThenNoStatementAndSaysSo() {
        Run generated = mayfly("policy", "generate", "--principal", builderArn, "--since", "2026-01-01T00:00:00Z", "--until",
                "2026-01-02T00:00:00Z");

        assertThat(generated.status()).as(generated.err()).isZero();
        assertThat(json(generated.out()).path("Statement")).isEmpty();
        assertThat(generated.err()).contains("allows nothing");
    }

    @Test
    void policyUnusedWhenOneUsedAndOneIdleUserRoleAndKeyThenListsTheIdleAndTheGrantedActionsNotUsed() {
        Run unused = mayfly("policy", "unused", "--account", account.accountId(), "--days", "1", "--json");

        assertThat(unused.status()).as(unused.err()).isZero();
        JsonNode report = json(unused.out());
        assertThat(texts(report.path("UnusedUsers"))).contains(idleArn).doesNotContain(builderArn);
        assertThat(texts(report.path("UnusedRoles"))).contains(dormantArn).doesNotContain(deployArn);
        List<String> keys = new ArrayList<>();
        report.path("UnusedAccessKeys").forEach(k -> keys.add(k.path("AccessKeyId").asText()));
        assertThat(keys).containsExactly(idleKey.accessKeyId());
        assertThat(actionsOf(report, builderArn)).containsExactly("iam:ListAccessKeys", "iam:ListGroup*");
        assertThat(actionsOf(report, deployArn)).containsExactly("iam:ListUsers");
        assertThat(actionsOf(report, dormantArn)).containsExactly("iam:GetRole", "iam:ListUsers");
        assertThat(report.path("IsComplete").asBoolean()).isTrue();
    }

    @Test
    void policyUnusedWhenReadByAPersonThenSectionsWithTheIdle() {
        Run unused = mayfly("policy", "unused", "--account", account.accountId(), "--days", "7");

        assertThat(unused.status()).as(unused.err()).isZero();
        assertThat(unused.out()).contains("Users not used:\n  " + idleArn, "Roles not used:\n  " + dormantArn,
                "Access keys not used:\n  " + idleKey.accessKeyId() + "  user idle, Active, last used never",
                builderArn + ": iam:ListAccessKeys, iam:ListGroup*");
    }

    @Test
    void policyWhenBadArgumentsThenOneClearSentenceAndNoStackTrace() {
        Run otherAccount = mayfly("policy", "unused", "--account", "999999999999", "--days", "7");
        Run tooManyDays = mayfly("policy", "unused", "--account", account.accountId(), "--days", "91");
        Run badTime = mayfly("policy", "generate", "--principal", builderArn, "--since", "last week");
        Run badArn = mayfly("policy", "generate", "--principal", "arn:aws:s3:::bucket", "--since", "7d");
        Run reversed = mayfly("policy", "generate", "--principal", builderArn, "--since", "1d", "--until", "2d");
        Run missing = mayfly("policy", "generate", "--since", "7d");

        assertThat(otherAccount.status()).isEqualTo(1);
        assertThat(otherAccount.err()).contains("account 999999999999");
        assertThat(tooManyDays.err()).contains("1 to 90");
        assertThat(badTime.err()).contains("--since is a time");
        assertThat(badArn.err()).contains("ValidationException", "role session");
        assertThat(reversed.err()).contains("InvalidTimeRangeException");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("Usage: ./mayfly policy generate");
        for (Run run : List.of(otherAccount, tooManyDays, badTime, badArn, reversed)) {
            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err()).doesNotContain("\tat ", "Exception:");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void policyWhenHelpThenExplainsBothCommandsAndCallsNothing() {
        Run help = mayfly("policy", "generate", "--principal", "x", "--help");

        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("policy generate --principal ARN", "assumed-role/ROLE/SESSION", "span before now (30m, 12h, 7d)",
                "policy unused --account ACCOUNT_ID --days N [--json]").doesNotContain("bench");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(value -> texts.add(value.asText()));
        return texts;
    }

    private static List<String> actionsOf(JsonNode report, String arn) {
        for (JsonNode principal : report.path("UnusedActions")) {
            if (principal.path("Arn").asText().equals(arn)) {
                return texts(principal.path("Actions"));
            }
        }
        return List.of();
    }
}
