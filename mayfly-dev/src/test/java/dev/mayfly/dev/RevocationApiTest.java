package dev.mayfly.dev;

import static dev.mayfly.dev.Tenants.iam;
import static dev.mayfly.dev.Tenants.root;
import static dev.mayfly.dev.Tenants.session;
import static dev.mayfly.dev.Tenants.sts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.sts.model.Credentials;

/** The rules API: tenant-scoped, validated, and a lifted rule lets the sessions it named work again. */
class RevocationApiTest {

    private final Platform platform = Platform.get();

    private HttpResponse<String> call(NewAccount account, String method, String path, String json) throws Exception {
        return new SignedJsonClient(root(account), "revocation").send(method, URI.create(platform.revocationUrl() + path), json);
    }

    @Test
    void createRuleWhenTargetInAnotherAccountThenAccessDenied() throws Exception {
        NewAccount mallory = platform.issuer.accounts().create("mallory");
        HttpResponse<String> response = call(mallory, "POST", "/rules",
                "{\"Scope\":\"Role\",\"Target\":\"arn:aws:iam::000000000001:role/admin\"}");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("AccessDeniedException");
        assertThat(call(mallory, "POST", "/rules", "{\"Scope\":\"Account\",\"Target\":\"000000000001\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void createRuleWhenInputInvalidThenValidationErrorsNeverServerErrors() throws Exception {
        NewAccount account = platform.issuer.accounts().create("validation");
        for (String body : new String[] {"not json", "[]", "{\"Scope\":\"Everything\",\"Target\":\"x\"}",
                "{\"Scope\":\"Role\",\"Target\":\"not-an-arn\"}",
                "{\"Scope\":\"AccessKey\",\"Target\":\"AKIA\"}",
                "{\"Scope\":\"Account\",\"Target\":\"" + account.accountId() + "\",\"IssuedBefore\":\"yesterday\"}",
                "{\"Scope\":\"Account\",\"Target\":\"" + account.accountId() + "\",\"IssuedBefore\":\"2999-01-01T00:00:00Z\"}"}) {
            HttpResponse<String> response = call(account, "POST", "/rules", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(Json.mapper().readTree(response.body()).path("__type").asText()).as(body).isIn("ValidationException", "SerializationException");
        }
    }

    @Test
    void createRuleWhenUnsignedThenRefused() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create(platform.revocationUrl() + "/rules")).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("MissingAuthenticationToken");
    }

    @Test
    void listRulesWhenTwoTenantsThenEachSeesOnlyItsOwn() throws Exception {
        NewAccount first = platform.issuer.accounts().create("lister-a");
        NewAccount second = platform.issuer.accounts().create("lister-b");
        assertThat(call(first, "POST", "/rules", "{\"Scope\":\"Account\",\"Target\":\"" + first.accountId() + "\"}").statusCode()).isEqualTo(201);
        JsonNode firstRules = Json.mapper().readTree(call(first, "GET", "/rules", null).body());
        JsonNode secondRules = Json.mapper().readTree(call(second, "GET", "/rules", null).body());
        assertThat(firstRules.path("Rules")).hasSize(1);
        assertThat(firstRules.path("Rules").get(0).path("CreatedBy").asText()).isEqualTo("arn:aws:iam::" + first.accountId() + ":root");
        assertThat(secondRules.path("Rules")).isEmpty();
        String ruleId = firstRules.path("Rules").get(0).path("RuleId").asText();
        assertThat(call(second, "DELETE", "/rules/" + ruleId, null).statusCode()).isEqualTo(404);
    }

    @Test
    void createRuleWhenKafkaAcknowledgesThenAnsweredPublishedAndListedPublished() throws Exception {
        NewAccount account = platform.issuer.accounts().create("published");
        HttpResponse<String> created = call(account, "POST", "/rules", "{\"Scope\":\"Account\",\"Target\":\"" + account.accountId() + "\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(Json.mapper().readTree(created.body()).path("State").asText()).isEqualTo("Published");
        JsonNode listed = Json.mapper().readTree(call(account, "GET", "/rules", null).body()).path("Rules");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("State").asText()).isEqualTo("Published");
    }

    @Test
    void liftRuleWhenSessionWasRevokedThenItWorksAgain() throws Exception {
        NewAccount account = platform.issuer.accounts().create("lifting");
        var rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("u"));
        var key = rootIam.createAccessKey(r -> r.userName("u")).accessKey();
        String roleArn = "arn:aws:iam::" + account.accountId() + ":role/r";
        rootIam.createRole(r -> r.roleName("r").assumeRolePolicyDocument("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:user/u"},"Action":"sts:AssumeRole"}}"""
                .formatted(account.accountId())));
        Credentials credentials = sts(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))
                .assumeRole(r -> r.roleArn(roleArn).roleSessionName("s1")).credentials();

        HttpResponse<String> created = call(account, "POST", "/rules", "{\"Scope\":\"Principal\",\"Target\":\"arn:aws:sts::"
                + account.accountId() + ":assumed-role/r/s1\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String ruleId = Json.mapper().readTree(created.body()).path("RuleId").asText();
        PlatformEndToEndTest.eventually(Duration.ofSeconds(5), () -> {
            try {
                sts(session(credentials)).getCallerIdentity();
                return null;
            } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
                return e.awsErrorDetails().errorCode().equals("AccessDenied") ? true : null;
            }
        });

        assertThat(call(account, "DELETE", "/rules/" + ruleId, null).statusCode()).isEqualTo(204);
        PlatformEndToEndTest.eventually(Duration.ofSeconds(5), () -> sts(session(credentials)).getCallerIdentity().arn());
        assertThat(call(account, "DELETE", "/rules/" + ruleId, null).statusCode()).isEqualTo(404);
    }

    @Test
    void sessionTagRuleWhenSessionCarriesTheTagThenRefusedAndOthersNot() throws Exception {
        NewAccount account = platform.issuer.accounts().create("tag-rules");
        var rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("u"));
        rootIam.putUserPolicy(r -> r.userName("u").policyName("assume").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["sts:AssumeRole","sts:TagSession"],"Resource":"*"}}"""));
        var key = rootIam.createAccessKey(r -> r.userName("u")).accessKey();
        String roleArn = "arn:aws:iam::" + account.accountId() + ":role/r";
        rootIam.createRole(r -> r.roleName("r").assumeRolePolicyDocument("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:user/u"},"Action":["sts:AssumeRole","sts:TagSession"]}}"""
                .formatted(account.accountId())));
        var user = sts(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
        Credentials contractor = user.assumeRole(r -> r.roleArn(roleArn).roleSessionName("c1")
                .tags(t -> t.key("Team").value("contractors"))).credentials();
        Credentials staff = user.assumeRole(r -> r.roleArn(roleArn).roleSessionName("s1").tags(t -> t.key("team").value("staff"))).credentials();

        HttpResponse<String> created = call(account, "POST", "/rules", "{\"Scope\":\"SessionTag\",\"Target\":\"TEAM=contractors\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(Json.mapper().readTree(created.body()).path("Target").asText()).isEqualTo("team=contractors");
        PlatformEndToEndTest.eventually(Duration.ofSeconds(5), () -> {
            try {
                sts(session(contractor)).getCallerIdentity();
                return null;
            } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
                return e.awsErrorDetails().errorCode().equals("AccessDenied") ? true : null;
            }
        });
        assertThat(sts(session(staff)).getCallerIdentity().arn()).endsWith(":assumed-role/r/s1");
    }

    @Test
    void quarantineWhenRoleQuarantinedThenNoNewSessionButLiveOnesWorkAndLiftingEndsIt() throws Exception {
        NewAccount account = platform.issuer.accounts().create("quarantine");
        var rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("u"));
        var key = rootIam.createAccessKey(r -> r.userName("u")).accessKey();
        String roleArn = "arn:aws:iam::" + account.accountId() + ":role/r";
        rootIam.createRole(r -> r.roleName("r").assumeRolePolicyDocument("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:user/u"},"Action":"sts:AssumeRole"}}"""
                .formatted(account.accountId())));
        var user = sts(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
        Credentials live = user.assumeRole(r -> r.roleArn(roleArn).roleSessionName("live")).credentials();

        String until = Instant.now().plusSeconds(3600).toString();
        HttpResponse<String> created = call(account, "POST", "/rules", """
                {"Kind":"Quarantine","Scope":"Role","Target":"%s","Until":"%s","Reason":"incident 42"}""".formatted(roleArn, until));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var rule = Json.mapper().readTree(created.body());
        assertThat(rule.path("Kind").asText()).isEqualTo("Quarantine");
        assertThat(rule.path("ExpiresAt").asText()).isEqualTo(rule.path("Until").asText());
        PlatformEndToEndTest.eventually(Duration.ofSeconds(5), () -> {
            try {
                user.assumeRole(r -> r.roleArn(roleArn).roleSessionName("new"));
                return null;
            } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
                return e.awsErrorDetails().errorMessage().contains("quarantined") ? true : null;
            }
        });
        assertThat(sts(session(live)).getCallerIdentity().arn()).as("live sessions are left alone").endsWith("/live");

        assertThat(call(account, "DELETE", "/rules/" + rule.path("RuleId").asText(), null).statusCode()).isEqualTo(204);
        PlatformEndToEndTest.eventually(Duration.ofSeconds(5), () -> user.assumeRole(r -> r.roleArn(roleArn).roleSessionName("after"))
                .credentials());
        assertThat(call(account, "POST", "/rules", "{\"Kind\":\"Quarantine\",\"Scope\":\"Account\",\"Target\":\""
                + account.accountId() + "\",\"Until\":\"" + until + "\"}").statusCode()).isEqualTo(400);
        assertThat(call(account, "POST", "/rules", "{\"Kind\":\"Quarantine\",\"Scope\":\"Role\",\"Target\":\"" + roleArn + "\"}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void ruleWhenItsEndHasComeThenLiftedByItselfAndGoneFromTheList() throws Exception {
        NewAccount account = platform.issuer.accounts().create("ending");
        String roleArn = "arn:aws:iam::" + account.accountId() + ":role/r";
        String until = Instant.now().plusSeconds(2).toString();
        HttpResponse<String> created = call(account, "POST", "/rules", """
                {"Kind":"Quarantine","Scope":"Role","Target":"%s","Until":"%s"}""".formatted(roleArn, until));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String ruleId = Json.mapper().readTree(created.body()).path("RuleId").asText();
        assertThat(call(account, "GET", "/rules", null).body()).contains(ruleId);
        PlatformEndToEndTest.eventually(Duration.ofSeconds(15), () -> {
            try {
                return call(account, "GET", "/rules", null).body().contains(ruleId) ? null : true;
            } catch (Exception e) {
                return null;
            }
        });
        assertThat(call(account, "DELETE", "/rules/" + ruleId, null).statusCode()).as("already lifted").isEqualTo(404);
    }

    /** Waits until the call is refused with AccessDenied (a rule reaches the issuer within a second). */
    private static void eventuallyAccessDenied(Runnable call) throws InterruptedException {
        PlatformEndToEndTest.eventually(Duration.ofSeconds(5), () -> {
            try {
                call.run();
                return null;
            } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
                return e.awsErrorDetails().errorCode().equals("AccessDenied") ? true : null;
            }
        });
    }

    @Test
    void accessKeyRuleWhenItNamesALongTermKeyThenTheKeyAndEverySessionItStartedRefusedUntilLifted() throws Exception {
        NewAccount account = platform.issuer.accounts().create("long-term-key-rule");
        var rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("u"));
        var key = rootIam.createAccessKey(r -> r.userName("u")).accessKey();
        String roleArn = "arn:aws:iam::" + account.accountId() + ":role/r";
        rootIam.createRole(r -> r.roleName("r").assumeRolePolicyDocument("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}}"""
                .formatted(account.accountId())));
        rootIam.putUserPolicy(r -> r.userName("u").policyName("assume").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}}"""));
        rootIam.putRolePolicy(r -> r.roleName("r").policyName("chain").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}}"""));
        var user = sts(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
        Credentials assumed = user.assumeRole(r -> r.roleArn(roleArn).roleSessionName("assumed")).credentials();
        Credentials chained = sts(session(assumed)).assumeRole(r -> r.roleArn(roleArn).roleSessionName("chained")).credentials();
        Credentials userSession = user.getSessionToken().credentials();
        var otherKey = rootIam.createAccessKey(r -> r.userName("u")).accessKey();
        var bystander = sts(AwsBasicCredentials.create(otherKey.accessKeyId(), otherKey.secretAccessKey()));
        Credentials bystanderSession = bystander.assumeRole(r -> r.roleArn(roleArn).roleSessionName("bystander")).credentials();

        HttpResponse<String> created = call(account, "POST", "/rules",
                "{\"Scope\":\"AccessKey\",\"Target\":\"" + key.accessKeyId() + "\",\"Reason\":\"key leaked\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String ruleId = Json.mapper().readTree(created.body()).path("RuleId").asText();

        eventuallyAccessDenied(user::getCallerIdentity);
        for (Credentials started : new Credentials[] {assumed, chained, userSession}) {
            eventuallyAccessDenied(() -> sts(session(started)).getCallerIdentity());
        }
        assertThatAccessDenied(() -> user.getSessionToken());
        assertThatAccessDenied(() -> user.assumeRole(r -> r.roleArn(roleArn).roleSessionName("after")));
        assertThat(bystander.getCallerIdentity().arn()).as("the user's other key").endsWith(":user/u");
        assertThat(sts(session(bystanderSession)).getCallerIdentity().arn()).endsWith("/bystander");

        assertThat(call(account, "DELETE", "/rules/" + ruleId, null).statusCode()).isEqualTo(204);
        PlatformEndToEndTest.eventually(Duration.ofSeconds(5), () -> user.getCallerIdentity().arn());
        assertThat(sts(session(chained)).getCallerIdentity().arn()).endsWith("/chained");
    }

    private static void assertThatAccessDenied(Runnable call) {
        org.assertj.core.api.Assertions.assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(software.amazon.awssdk.awscore.exception.AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
    }

    @Test
    void createRuleWhenItCouldNeverTakeEffectThenValidationErrorNotStored() throws Exception {
        NewAccount account = platform.issuer.accounts().create("ineffective-rules");
        NewAccount other = platform.issuer.accounts().create("ineffective-rules-other");
        String longAgo = Instant.now().minus(Duration.ofHours(40)).toString();
        for (String body : new String[] {
                "{\"Scope\":\"AccessKey\",\"Target\":\"" + other.accessKeyId() + "\"}",
                "{\"Scope\":\"AccessKey\",\"Target\":\"AKIAZZZZZZZZZZZZZZZZ\"}",
                "{\"Scope\":\"Account\",\"Target\":\"" + account.accountId() + "\",\"IssuedBefore\":\"" + longAgo + "\"}"}) {
            HttpResponse<String> response = call(account, "POST", "/rules", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(Json.mapper().readTree(response.body()).path("__type").asText()).as(body).isEqualTo("ValidationException");
        }
        assertThat(Json.mapper().readTree(call(account, "GET", "/rules", null).body()).path("Rules")).isEmpty();
        assertThat(call(account, "POST", "/rules", "{\"Scope\":\"AccessKey\",\"Target\":\"" + account.accessKeyId() + "\"}")
                .statusCode()).as("the account's own root key").isEqualTo(201);
    }

    @Test
    void accessKeyRuleWhenRootRevokesItsOnlyKeyThenTheOperatorsRotationGivesItOneThatWorks() throws Exception {
        NewAccount account = platform.issuer.accounts().create("root-key-rule");
        HttpResponse<String> created = call(account, "POST", "/rules", "{\"Scope\":\"AccessKey\",\"Target\":\"" + account.accessKeyId() + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        eventuallyAccessDenied(() -> sts(root(account)).getCallerIdentity());

        var rotated = platform.issuer.accounts().rotateRootKey(dev.mayfly.issuer.api.AccountId.of(account.accountId()),
                dev.mayfly.issuer.api.AccountCommands.PreviousRootKeys.DELETE);
        var fresh = AwsBasicCredentials.create(rotated.accessKeyId(), rotated.secretAccessKey());
        PlatformEndToEndTest.eventually(Duration.ofSeconds(5), () -> sts(fresh).getCallerIdentity().arn());
        assertThat(iam(fresh).listAccessKeys().accessKeyMetadata()).hasSize(1);
    }
}
