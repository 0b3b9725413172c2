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
import java.net.URI;
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
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Monitoring through the audit API: search with aggregations, each saved security query finding what it looks for,
 * who held a role at an instant, and one tenant seeing nothing of another's.
 */
class AuditSearchTest {

    private static NewAccount monitored;
    private static NewAccount partner;
    private static String roleArn;
    private static AccessKey mallory;
    private static Credentials oncallSession;
    private static Credentials partnerSession;
    private static Instant started;
    private static Instant assumed;

    @BeforeAll
    static void aDayInTheLifeOfAnAccount() throws Exception {
        started = Instant.now().minusSeconds(1);
        monitored = Platform.get().issuer.accounts().create("monitored");
        partner = Platform.get().issuer.accounts().create("partner");
        roleArn = "arn:aws:iam::" + monitored.accountId() + ":role/ops";
        iam(root(monitored)).createRole(r -> r.roleName("ops").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::%s:root","arn:aws:iam::%s:root"]},
                "Action":"sts:AssumeRole"}]}""".formatted(monitored.accountId(), partner.accountId())));
        iam(root(monitored)).createUser(r -> r.userName("mallory"));
        mallory = iam(root(monitored)).createAccessKey(r -> r.userName("mallory")).accessKey();
        awaitRoomInTheCurrentMinute();
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> sts(AwsBasicCredentials.create(mallory.accessKeyId(), mallory.secretAccessKey()))
                    .assumeRole(r -> r.roleArn(roleArn).roleSessionName("try"))).isInstanceOf(StsException.class);
        }
        oncallSession = sts(userAllowedToAssume(monitored, "oncall")).assumeRole(r -> r.roleArn(roleArn).roleSessionName("oncall")).credentials();
        partnerSession = sts(userAllowedToAssume(partner, "vendor")).assumeRole(r -> r.roleArn(roleArn).roleSessionName("vendor")).credentials();
        assumed = Instant.now();
        HttpResponse<String> rule = new SignedJsonClient(root(monitored), "revocation").send("POST",
                URI.create(Platform.get().revocationUrl() + "/rules"), "{\"Scope\":\"Role\",\"Target\":\"" + roleArn + "\"}");
        assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
        eventually(Duration.ofSeconds(10), () -> {
            assertThatThrownBy(() -> sts(session(oncallSession)).getCallerIdentity()).hasMessageContaining("revoked");
            return true;
        });
        eventually(Duration.ofSeconds(15), () -> run(monitored, "RunSavedQuery", "{\"Name\":\"RevokedOrExpiredCredentials\"}")
                .path("Findings").size() > 0 ? true : null);
    }

    /**
     * Bursts are counted per calendar minute (eventTime buckets of one minute): six refused calls that straddle a
     * minute's end make two minutes of three, and no burst. Waits for the next minute when this one is nearly over.
     */
    private static void awaitRoomInTheCurrentMinute() throws InterruptedException {
        long intoTheMinute = Instant.now().getEpochSecond() % 60;
        if (intoTheMinute > 45) {
            Thread.sleep(Duration.ofSeconds(61 - intoTheMinute));
        }
    }

    private static AwsCredentials userAllowedToAssume(NewAccount account, String name) {
        iam(root(account)).createUser(r -> r.userName(name));
        iam(root(account)).putUserPolicy(r -> r.userName(name).policyName("assume").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"%s"}]}""".formatted(roleArn)));
        AccessKey key = iam(root(account)).createAccessKey(r -> r.userName(name)).accessKey();
        return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }

    private static JsonNode run(NewAccount account, String operation, String json) {
        HttpResponse<String> response = call(root(account), operation, json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return Json.mapper().readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> call(AwsCredentials credentials, String operation, String json) {
        try {
            return new SignedJsonClient(credentials, "cloudtrail").target(Platform.get().auditUrl(), JsonProtocolEndpoint.MAYFLY_PREFIX + operation,
                    json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<JsonNode> findings(String name) {
        List<JsonNode> findings = new ArrayList<>();
        run(monitored, "RunSavedQuery", "{\"Name\":\"%s\",\"StartTime\":\"%s\"}".formatted(name, started)).path("Findings").forEach(findings::add);
        return findings;
    }

    @Test
    void searchWhenQueryAndAggregationsThenRecordsCountsAndTimeline() {
        JsonNode result = run(monitored, "Search", """
                {"Query":"event.action:AssumeRole AND event.outcome:failure","MaxResults":2,
                 "Aggregations":[{"Name":"who","Terms":{"Field":"user.name","Size":5}},
                                 {"Name":"timeline","DateHistogram":{"Interval":"1m","ByOutcome":true}}]}""");

        assertThat(result.path("Total").asInt()).isEqualTo(6);
        assertThat(result.path("Records").size()).isEqualTo(2);
        assertThat(result.path("Records").get(0).path("errorCode").asText()).isEqualTo("AccessDenied");
        assertThat(result.path("Records").get(0).has("mayflyLookup")).as("records as CloudTrail writes them").isFalse();
        assertThat(result.hasNonNull("NextToken")).isTrue();
        assertThat(result.path("Aggregations").path("who").get(0).path("Key").asText()).isEqualTo("mallory");
        assertThat(result.path("Aggregations").path("who").get(0).path("Count").asInt()).isEqualTo(6);
        int failures = 0;
        for (JsonNode minute : result.path("Aggregations").path("timeline")) {
            failures += minute.path("Failure").asInt();
            assertThat(minute.path("Success").asInt()).isZero();
        }
        assertThat(failures).isEqualTo(6);
    }

    @Test
    void searchWhenHistogramFollowsTheDataThenRoundIntervalAnsweredAndBucketsWithTheirEnds() {
        JsonNode result = run(monitored, "Search", """
                {"Query":"event.action:AssumeRole AND event.outcome:failure","MaxResults":0,
                 "Aggregations":[{"Name":"timeline","DateHistogram":{"Buckets":30,"ByOutcome":true}}]}""");

        String interval = result.path("HistogramIntervals").path("timeline").asText();
        JsonNode buckets = result.path("Aggregations").path("timeline");
        assertThat(interval).matches("\\d+[smhd]");
        assertThat(buckets.size()).isBetween(1, 30);
        int failures = 0;
        for (JsonNode bucket : buckets) {
            failures += bucket.path("Failure").asInt();
            assertThat(bucket.path("EndTime").asDouble()).isGreaterThan(bucket.path("Time").asDouble());
        }
        assertThat(failures).isEqualTo(6);
    }

    @Test
    void searchWhenNextTokenThenTheFollowingPage() {
        String query = "{\"Query\":\"event.action:AssumeRole AND event.outcome:failure\",\"MaxResults\":4}";
        JsonNode first = run(monitored, "Search", query);
        JsonNode second = run(monitored, "Search", query.replace("}", ",\"NextToken\":\"" + first.path("NextToken").asText() + "\"}"));

        assertThat(second.path("Records").size()).isEqualTo(2);
        assertThat(second.path("Records").get(0).path("eventID").asText()).isNotEqualTo(first.path("Records").get(0).path("eventID").asText());
    }

    @Test
    void runSavedQueryWhenBurstOfRefusedAssumeRoleThenThePrincipalFound() {
        List<JsonNode> bursts = findings("FailedAssumeRoleBursts");

        assertThat(bursts).isNotEmpty();
        assertThat(bursts.stream().mapToInt(b -> b.path("Failures").asInt()).sum()).isEqualTo(6);
        assertThat(bursts).allSatisfy(b -> assertThat(b.path("Principal").asText()).startsWith("AIDA"));
    }

    @Test
    void runSavedQueryWhenRoleAssumedFromUnseenAddressThenFound() {
        List<JsonNode> newIps = findings("AssumeRoleFromNewSourceIp");

        assertThat(newIps).anySatisfy(f -> {
            assertThat(f.path("SourceIp").asText()).isEqualTo("127.0.0.1");
            assertThat(f.path("NewPrincipal").asBoolean()).isTrue();
        });
    }

    @Test
    void runSavedQueryWhenRevokedSessionUsedThenFound() {
        assertThat(findings("RevokedOrExpiredCredentials")).anySatisfy(f -> {
            assertThat(f.path("ErrorCode").asText()).isEqualTo("AccessDenied");
            assertThat(f.path("Principal").asText()).endsWith(":assumed-role/ops/oncall");
        });
    }

    @Test
    void runSavedQueryWhenAnotherAccountAssumedOurRoleThenInbound() {
        assertThat(findings("CrossAccountAssumptions")).singleElement().satisfies(f -> {
            assertThat(f.path("Direction").asText()).isEqualTo("Inbound");
            assertThat(f.path("CloudTrailEvent").path("userIdentity").path("accountId").asText()).isEqualTo(partner.accountId());
        });
    }

    @Test
    void runSavedQueryWhenRootCalledThenEveryRootCall() {
        List<JsonNode> rootCalls = findings("RootUsage");

        assertThat(rootCalls).isNotEmpty();
        assertThat(rootCalls).allSatisfy(f -> assertThat(f.path("Principal").asText()).isEqualTo("arn:aws:iam::" + monitored.accountId() + ":root"));
        assertThat(rootCalls).anySatisfy(f -> assertThat(f.path("EventName").asText()).isEqualTo("CreateRole"));
    }

    @Test
    void whoHeldRoleWhenAskedAfterAssumptionsThenBothSessionsAndBeforeThenNone() {
        JsonNode after = run(monitored, "WhoHeldRole", "{\"RoleArn\":\"%s\",\"At\":\"%s\"}".formatted(roleArn, assumed.plusSeconds(1)));
        JsonNode before = run(monitored, "WhoHeldRole", "{\"RoleArn\":\"%s\",\"At\":\"%s\"}".formatted(roleArn, started.minusSeconds(5)));

        assertThat(after.path("Sessions")).extracting(s -> s.path("AssumedRoleArn").asText()).containsExactlyInAnyOrder(
                "arn:aws:sts::" + monitored.accountId() + ":assumed-role/ops/oncall",
                "arn:aws:sts::" + monitored.accountId() + ":assumed-role/ops/vendor");
        assertThat(after.path("Sessions")).extracting(s -> s.path("AccessKeyId").asText())
                .contains(oncallSession.accessKeyId(), partnerSession.accessKeyId());
        assertThat(before.path("Sessions")).isEmpty();
    }

    @Test
    void searchWhenAnotherTenantLooksThenNothingOfOurs() {
        JsonNode theirs = run(partner, "Search", "{\"Query\":\"user.name:mallory OR recipientAccountId:" + monitored.accountId() + "\"}");

        assertThat(theirs.path("Total").asInt()).isZero();
    }

    @Test
    void searchWhenBadInputThenAwsErrorShapes() throws Exception {
        HttpResponse<String> badField = call(root(monitored), "Search", "{\"Aggregations\":[{\"Name\":\"x\",\"Terms\":{\"Field\":\"secret\"}}]}");
        HttpResponse<String> badQuery = call(root(monitored), "RunSavedQuery", "{\"Name\":\"DropTables\"}");
        HttpResponse<String> badRole = call(root(monitored), "WhoHeldRole", "{\"RoleArn\":\"nope\",\"At\":\"2026-01-01T00:00:00Z\"}");
        HttpResponse<String> unsigned = call(AwsBasicCredentials.create(mallory.accessKeyId(), mallory.secretAccessKey()), "Search", "{}");

        assertThat(badField.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(badField.body()).path("__type").asText()).isEqualTo("ValidationException");
        assertThat(Json.mapper().readTree(badQuery.body()).path("__type").asText()).isEqualTo("InvalidSavedQueryException");
        assertThat(Json.mapper().readTree(badRole.body()).path("__type").asText()).isEqualTo("ValidationException");
        assertThat(unsigned.statusCode()).as("mallory may not read the trail").isEqualTo(400);
        for (String hostile : List.of("{\"Aggregations\":[{\"Name\":\"t\",\"DateHistogram\":{\"Buckets\":0}}]}",
                "{\"Aggregations\":[{\"Name\":\"t\",\"DateHistogram\":{\"Buckets\":1e300}}]}",
                "{\"Aggregations\":[{\"Name\":\"t\",\"DateHistogram\":{\"Buckets\":10,\"Interval\":\"1m\"}}]}",
                "{\"Query\":\"eventName:(AssumeRole\",\"Aggregations\":[{\"Name\":\"t\",\"DateHistogram\":{\"Buckets\":10}}]}")) {
            HttpResponse<String> refused = call(root(monitored), "Search", hostile);
            assertThat(refused.statusCode()).as(hostile).isEqualTo(400);
            assertThat(Json.mapper().readTree(refused.body()).path("__type").asText()).as(hostile).isIn("ValidationException", "InvalidQueryException");
            assertThat(Json.mapper().readTree(refused.body()).path("message").asText()).as(hostile).isNotBlank();
        }
        assertThat(Json.mapper().readTree(unsigned.body()).path("__type").asText()).isEqualTo("AccessDeniedException");
    }
}
