package dev.mayfly.dev;

import static dev.mayfly.dev.PlatformEndToEndTest.eventually;
import static dev.mayfly.dev.Tenants.iam;
import static dev.mayfly.dev.Tenants.root;
import static dev.mayfly.dev.Tenants.session;
import static dev.mayfly.dev.Tenants.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.protocol.JsonProtocolEndpoint;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Least privilege from the trail through the audit API: a user and a role that made known calls with the AWS SDK, the
 * policies generated from them exactly (actions and resources), a principal with no call, another tenant's principal,
 * bad windows and ARNs; and which principals and keys were active, with what.
 */
class LeastPrivilegeTest {

    private static NewAccount account;
    private static NewAccount other;
    private static String userArn;
    private static String roleArn;
    private static String idleArn;
    private static AccessKey builderKey;
    private static AccessKey idleKey;
    private static Instant started;

    @BeforeAll
    static void aPrincipalThatMadeKnownCalls() throws Exception {
        started = Instant.now().minusSeconds(2);
        account = Platform.get().issuer.accounts().create("least-privilege");
        other = Platform.get().issuer.accounts().create("least-privilege-other");
        userArn = "arn:aws:iam::" + account.accountId() + ":user/builder";
        roleArn = "arn:aws:iam::" + account.accountId() + ":role/deploy";
        idleArn = "arn:aws:iam::" + account.accountId() + ":user/idle";
        iam(root(account)).createRole(r -> r.roleName("deploy").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}]}"""
                .formatted(account.accountId())));
        iam(root(account)).putRolePolicy(r -> r.roleName("deploy").policyName("read").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GetRole","iam:ListUsers"],"Resource":"*"}]}"""));
        iam(root(account)).createUser(r -> r.userName("builder"));
        iam(root(account)).putUserPolicy(r -> r.userName("builder").policyName("work").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GetUser","iam:ListRoles","iam:ListAccessKeys"],"Resource":"*"},
                {"Effect":"Allow","Action":"sts:AssumeRole","Resource":"%s"}]}""".formatted(roleArn)));
        builderKey = iam(root(account)).createAccessKey(r -> r.userName("builder")).accessKey();
        iam(root(account)).createUser(r -> r.userName("idle"));
        idleKey = iam(root(account)).createAccessKey(r -> r.userName("idle")).accessKey();

        AwsCredentials builder = AwsBasicCredentials.create(builderKey.accessKeyId(), builderKey.secretAccessKey());
        iam(builder).getUser();
        iam(builder).listRoles();
        sts(builder).getCallerIdentity();
        assertThatThrownBy(() -> iam(builder).createUser(r -> r.userName("not-allowed"))).isInstanceOf(IamException.class);
        Credentials first = sts(builder).assumeRole(r -> r.roleArn(roleArn).roleSessionName("first")).credentials();
        Credentials second = sts(builder).assumeRole(r -> r.roleArn(roleArn).roleSessionName("second")).credentials();
        iam(session(first)).getRole(r -> r.roleName("deploy"));
        iam(session(second)).listUsers();
        // the other tenant's own principal, busy in its own trail
        iam(root(other)).createUser(r -> r.userName("builder"));

        eventually(Duration.ofSeconds(20), () -> generate(userArn).path("CallsAnalyzed").asInt() == 5
                && generate(roleArn).path("CallsAnalyzed").asInt() == 2 ? true : null);
    }

    private static JsonNode generate(String principalArn) {
        return ok(account, "GeneratePolicy", "{\"PrincipalArn\":\"%s\",\"StartTime\":\"%s\"}".formatted(principalArn, started));
    }

    private static JsonNode policy(String principalArn) {
        try {
            return Json.mapper().readTree(generate(principalArn).path("Policy").asText());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode ok(NewAccount caller, String operation, String json) {
        HttpResponse<String> response = call(root(caller), operation, json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return read(response);
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> call(AwsCredentials credentials, String operation, String json) {
        try {
            return new SignedJsonClient(credentials, "cloudtrail").target(Platform.get().auditUrl(), JsonProtocolEndpoint.MAYFLY_PREFIX + operation,
                    json);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void generatePolicyWhenUserMadeKnownCallsThenExactlyItsActionsOnTheResourcesItsRecordsName() {
        JsonNode generated = generate(userArn);

        // GetCallerIdentity needs no permission and the refused CreateUser was never allowed: neither is granted
        assertThat(json(generated.path("Policy").asText())).isEqualTo(json("""
                {"Version":"2012-10-17","Statement":[
                  {"Effect":"Allow","Action":"iam:ListRoles","Resource":"*"},
                  {"Effect":"Allow","Action":"sts:AssumeRole","Resource":"%s"},
                  {"Effect":"Allow","Action":"iam:GetUser","Resource":"%s"}]}""".formatted(roleArn, userArn)));
        assertThat(generated.path("PrincipalArn").asText()).isEqualTo(userArn);
        assertThat(generated.path("ActionsUsed").asInt()).isEqualTo(3);
        assertThat(generated.path("IsComplete").asBoolean()).isTrue();
    }

    @Test
    void generatePolicyWhenRoleThenTheCallsOfEverySessionOfIt() {
        assertThat(policy(roleArn)).isEqualTo(json("""
                {"Version":"2012-10-17","Statement":[
                  {"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"},
                  {"Effect":"Allow","Action":"iam:GetRole","Resource":"%s"}]}""".formatted(roleArn)));
    }

    @Test
    void generatePolicyWhenOneRoleSessionThenOnlyItsCalls() {
        assertThat(policy("arn:aws:sts::" + account.accountId() + ":assumed-role/deploy/first")).isEqualTo(json("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetRole","Resource":"%s"}]}""".formatted(roleArn)));
    }

    @Test
    void generatePolicyWhenPrincipalMadeNoCallThenAPolicyWithNoStatement() {
        JsonNode generated = generate(idleArn);

        assertThat(json(generated.path("Policy").asText())).isEqualTo(json("{\"Version\":\"2012-10-17\",\"Statement\":[]}"));
        assertThat(generated.path("CallsAnalyzed").asInt()).isZero();
    }

    @Test
    void generatePolicyWhenAnotherTenantsPrincipalThenRefusedAndNothingOfItsTrail() {
        HttpResponse<String> theirs = call(root(other), "GeneratePolicy",
                "{\"PrincipalArn\":\"%s\",\"StartTime\":\"%s\"}".formatted(userArn, started));
        JsonNode ownNamesake = ok(other, "GeneratePolicy", "{\"PrincipalArn\":\"arn:aws:iam::%s:user/builder\",\"StartTime\":\"%s\"}"
                .formatted(other.accountId(), started));

        assertThat(theirs.statusCode()).isEqualTo(400);
        assertThat(read(theirs).path("__type").asText()).isEqualTo("ValidationException");
        assertThat(theirs.body()).doesNotContain("iam:", "Statement");
        assertThat(ownNamesake.path("CallsAnalyzed").asInt()).as("the namesake in its own account made no call").isZero();
    }

    @Test
    void generatePolicyWhenBadWindowOrArnThenClearErrorsEachRecorded() throws Exception {
        String user = "\"PrincipalArn\":\"" + userArn + "\"";
        List<String> hostile = List.of(
                "{" + user + ",\"StartTime\":\"2026-12-02T00:00:00Z\",\"EndTime\":\"2026-12-01T00:00:00Z\"}",
                "{" + user + ",\"StartTime\":\"2026-01-01T00:00:00Z\",\"EndTime\":\"2026-12-01T00:00:00Z\"}",
                "{" + user + "}",
                "{" + user + ",\"StartTime\":\"last week\"}",
                "{" + user + ",\"StartTime\":1e999999999}",
                "{\"PrincipalArn\":\"arn:aws:iam::12:user/x\",\"StartTime\":\"2026-12-01T00:00:00Z\"}",
                "{\"PrincipalArn\":\"arn:aws:iam::" + account.accountId() + ":root\",\"StartTime\":\"2026-12-01T00:00:00Z\"}",
                "{\"PrincipalArn\":5,\"StartTime\":\"2026-12-01T00:00:00Z\"}",
                "{\"PrincipalArn\":\"arn:aws:iam::" + account.accountId() + ":user/" + "x".repeat(3000) + "\",\"StartTime\":\"2026-12-01T00:00:00Z\"}",
                "[]");
        for (String body : hostile) {
            HttpResponse<String> refused = call(root(account), "GeneratePolicy", body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(read(refused).path("__type").asText()).as(body).isIn("ValidationException", "InvalidTimeRangeException",
                    "SerializationException");
            assertThat(read(refused).path("message").asText()).as(body).isNotBlank().doesNotContain("Exception:", "\tat ");
        }
        assertThat(read(call(root(account), "GeneratePolicy", hostile.get(1))).path("message").asText()).contains("90 days");

        eventually(Duration.ofSeconds(15), () -> ok(account, "Search", """
                {"Query":"eventName:GeneratePolicy AND event.outcome:failure","MaxResults":0}""")
                .path("Total").asInt() >= hostile.size() ? true : null);
    }

    @Test
    void generatePolicyWhenCallerMayNotReadTheTrailThenAccessDenied() {
        HttpResponse<String> refused = call(AwsBasicCredentials.create(builderKey.accessKeyId(), builderKey.secretAccessKey()), "GeneratePolicy",
                "{\"PrincipalArn\":\"%s\",\"StartTime\":\"%s\"}".formatted(userArn, started));

        assertThat(read(refused).path("__type").asText()).isEqualTo("AccessDeniedException");
    }

    @Test
    void listPrincipalActivityWhenOneUserActiveAndOneIdleThenOnlyTheActiveWithWhatItUsed() {
        JsonNode activity = ok(account, "ListPrincipalActivity", "{\"StartTime\":\"%s\"}".formatted(started));

        List<String> users = new ArrayList<>();
        activity.path("Users").forEach(u -> users.add(u.path("Arn").asText()));
        assertThat(users).contains(userArn).doesNotContain(idleArn);
        JsonNode builder = find(activity.path("Users"), userArn);
        assertThat(builder.path("Actions")).extracting(JsonNode::asText).containsExactly("iam:GetUser", "iam:ListRoles", "sts:AssumeRole");
        assertThat(builder.path("LastActivity").asDouble()).isGreaterThanOrEqualTo(started.getEpochSecond());
        assertThat(find(activity.path("Roles"), roleArn).path("Actions")).extracting(JsonNode::asText)
                .containsExactly("iam:GetRole", "iam:ListUsers");
        List<String> keys = new ArrayList<>();
        activity.path("AccessKeys").forEach(k -> keys.add(k.path("AccessKeyId").asText()));
        assertThat(keys).contains(builderKey.accessKeyId()).doesNotContain(idleKey.accessKeyId());
        assertThat(activity.path("IsComplete").asBoolean()).isTrue();
    }

    @Test
    void listPrincipalActivityWhenAnotherTenantAsksThenNoneOfOurs() {
        JsonNode theirs = ok(other, "ListPrincipalActivity", "{\"StartTime\":\"%s\"}".formatted(started));

        assertThat(theirs.toString()).doesNotContain(account.accountId(), builderKey.accessKeyId());
    }

    @Test
    void listPrincipalActivityWhenBadWindowThenClearErrors() {
        for (String body : List.of("{}", "{\"StartTime\":\"soon\"}", "{\"StartTime\":\"2026-01-01T00:00:00Z\",\"EndTime\":\"2026-12-01T00:00:00Z\"}",
                "{\"StartTime\":\"2026-12-02T00:00:00Z\",\"EndTime\":\"2026-12-01T00:00:00Z\"}", "{\"StartTime\":[1]}")) {
            HttpResponse<String> refused = call(root(account), "ListPrincipalActivity", body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(read(refused).path("__type").asText()).as(body).isIn("ValidationException", "InvalidTimeRangeException");
            assertThat(read(refused).path("message").asText()).as(body).isNotBlank();
        }
    }

    @Test
    void generatePolicyWhenUnsignedThenRefusedWithoutAServerError() throws Exception {
        for (String operation : List.of("GeneratePolicy", "ListPrincipalActivity")) {
            HttpResponse<String> unsigned = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            Platform.get().auditUrl()).header("Content-Type", "application/x-amz-json-1.1")
                    .header("X-Amz-Target", JsonProtocolEndpoint.MAYFLY_PREFIX + operation)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"PrincipalArn\":\"" + userArn + "\",\"StartTime\":\"" + started + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(unsigned.statusCode()).as(unsigned.body()).isBetween(400, 499);
            assertThat(read(unsigned).path("__type").asText()).as(unsigned.body()).isNotBlank();
            assertThat(unsigned.body()).doesNotContain("Statement", "iam:");
        }
    }

    private static JsonNode find(JsonNode principals, String arn) {
        for (JsonNode principal : principals) {
            if (principal.path("Arn").asText().equals(arn)) {
                return principal;
            }
        }
        throw new AssertionError(arn + " not in " + principals);
    }
}
