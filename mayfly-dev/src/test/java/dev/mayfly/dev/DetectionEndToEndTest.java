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
import dev.mayfly.contract.DetectionResponse;
import dev.mayfly.contract.Json;
import dev.mayfly.contract.Topics;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.signing.PublishedKeyRing;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Streaming detections driven by real calls: each detection's finding, with the records that caused it, and the
 * response it asked for enforced at the issuer (the next AssumeRole refused); nothing of one tenant seen by another, and
 * no response, however crafted, touching another account's principals.
 */
class DetectionEndToEndTest {

    private static final Platform PLATFORM = Platform.get();
    private static NewAccount watched;
    private static NewAccount partner;
    private static String opsArn;
    private static AwsCredentials mallory;
    private static AwsCredentials vendor;
    private static String vendorArn;

    @BeforeAll
    static void anAccountThatWatchesItsCalls() {
        watched = PLATFORM.issuer.accounts().create("watched");
        partner = PLATFORM.issuer.accounts().create("watched-partner");
        opsArn = "arn:aws:iam::" + watched.accountId() + ":role/ops";
        iam(root(watched)).createRole(r -> r.roleName("ops").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::%s:root","arn:aws:iam::%s:root"]},
                "Action":"sts:AssumeRole"}]}""".formatted(watched.accountId(), partner.accountId())));
        iam(root(watched)).createRole(r -> r.roleName("secret").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},
                "Action":"sts:AssumeRole"}]}""".formatted(watched.accountId())));
        mallory = userAllowedToAssume(watched, "mallory");
        vendor = userAllowedToAssume(partner, "vendor");
        vendorArn = "arn:aws:iam::" + partner.accountId() + ":user/vendor";
        JsonNode put = run(watched, "PutDetectionSettings", """
                {"Detections":[
                  {"Name":"FailedAssumeRoleBursts","Threshold":3,"WindowSeconds":60,"Response":"Quarantine","QuarantineMinutes":10},
                  {"Name":"AssumeRoleFromNewSourceIp"},
                  {"Name":"RevokedOrExpiredCredentials"},
                  {"Name":"CrossAccountAssumptions","Response":"Quarantine"},
                  {"Name":"RootUsage"}]}""");
        assertThat(put.path("Detections").size()).isEqualTo(5);
    }

    private static AwsCredentials userAllowedToAssume(NewAccount account, String name) {
        iam(root(account)).createUser(r -> r.userName(name));
        iam(root(account)).putUserPolicy(r -> r.userName(name).policyName("assume").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"%s"}]}""".formatted(opsArn)));
        AccessKey key = iam(root(account)).createAccessKey(r -> r.userName(name)).accessKey();
        return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }

    @Test
    void failedAssumeRoleBurstWhenThresholdReachedThenFindingWithItsRecordsAndThePrincipalQuarantined() throws Exception {
        Credentials live = sts(mallory).assumeRole(r -> r.roleArn(opsArn).roleSessionName("before")).credentials();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> sts(mallory).assumeRole(r -> r.roleArn("arn:aws:iam::" + watched.accountId() + ":role/secret")
                    .roleSessionName("probe"))).isInstanceOf(AwsServiceException.class);
        }
        Instant offended = Instant.now();

        String refusal = eventually(Duration.ofSeconds(10), () -> {
            try {
                sts(mallory).assumeRole(r -> r.roleArn(opsArn).roleSessionName("after"));
                return null;
            } catch (AwsServiceException e) {
                return e.awsErrorDetails().errorMessage().contains("quarantined") ? e.awsErrorDetails().errorMessage() : null;
            }
        });
        Duration enforcedWithin = Duration.between(offended, Instant.now());
        JsonNode finding = eventually(Duration.ofSeconds(10), () -> single(findings(watched, "FailedAssumeRoleBursts")));

        assertThat(enforcedWithin).as("from the third refusal to the quarantine enforced").isLessThan(Duration.ofSeconds(5));
        assertThat(finding.path("Principal").asText()).isEqualTo("arn:aws:iam::" + watched.accountId() + ":user/mallory");
        assertThat(finding.path("EventIds").size()).isEqualTo(3);
        assertThat(finding.path("Response").path("Action").asText()).isEqualTo("Quarantine");
        assertThat(finding.path("Response").path("Status").asText()).isEqualTo("Requested");
        String ruleId = finding.path("Response").path("RuleId").asText();
        assertThat(refusal).contains(ruleId);
        assertThat(sts(session(live)).getCallerIdentity().arn()).as("a quarantine leaves live sessions alone").endsWith("/before");
        JsonNode rule = eventually(Duration.ofSeconds(5), () -> rules(watched).stream()
                .filter(r -> r.path("RuleId").asText().equals(ruleId)).findFirst().orElse(null));
        assertThat(rule.path("Reason").asText()).contains(finding.path("FindingId").asText());
        assertThat(rule.path("CreatedBy").asText()).isEqualTo("detections.mayfly");
        assertThat(rule.path("Target").asText()).isEqualTo(finding.path("Principal").asText());
        JsonNode withRecords = eventually(Duration.ofSeconds(10), () -> {
            JsonNode answer = run(watched, "GetDetectionFinding", "{\"FindingId\":\"" + finding.path("FindingId").asText() + "\"}");
            return answer.path("Records").size() == 3 ? answer : null;
        });
        assertThat(withRecords.path("Records")).allSatisfy(record -> {
            assertThat(record.path("eventName").asText()).isEqualTo("AssumeRole");
            assertThat(record.path("errorCode").asText()).isEqualTo("AccessDenied");
        });
        System.out.printf("detection to enforced quarantine: %d ms%n", enforcedWithin.toMillis());
    }

    @Test
    void failedAssumeRoleBurstWhenResponseIsRevokeThenTheOffendingSessionRefusedAndOthersNot() throws Exception {
        NewAccount account = PLATFORM.issuer.accounts().create("detections-revoke");
        String roleArn = "arn:aws:iam::" + account.accountId() + ":role/worker";
        iam(root(account)).createRole(r -> r.roleName("worker").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},
                "Action":"sts:AssumeRole"}]}""".formatted(account.accountId())));
        iam(root(account)).createUser(r -> r.userName("operator"));
        iam(root(account)).putUserPolicy(r -> r.userName("operator").policyName("assume").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"%s"}]}""".formatted(roleArn)));
        AccessKey key = iam(root(account)).createAccessKey(r -> r.userName("operator")).accessKey();
        AwsCredentials operator = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        run(account, "PutDetectionSettings", """
                {"Detections":[{"Name":"FailedAssumeRoleBursts","Threshold":1,"Response":"Revoke"}]}""");
        Credentials offender = eventually(Duration.ofSeconds(10), () -> sts(operator).assumeRole(r -> r.roleArn(roleArn)
                .roleSessionName("offender")).credentials());
        Credentials bystander = sts(operator).assumeRole(r -> r.roleArn(roleArn).roleSessionName("bystander")).credentials();

        assertThatThrownBy(() -> sts(session(offender)).assumeRole(r -> r.roleArn(roleArn + "-elsewhere").roleSessionName("probe")))
                .isInstanceOf(AwsServiceException.class);

        eventually(Duration.ofSeconds(10), () -> {
            assertThatThrownBy(() -> sts(session(offender)).getCallerIdentity()).hasMessageContaining("revoked");
            return true;
        });
        JsonNode finding = eventually(Duration.ofSeconds(10), () -> single(findings(account, "FailedAssumeRoleBursts")));
        assertThat(finding.path("Response").path("Scope").asText()).isEqualTo("Principal");
        assertThat(finding.path("Response").path("Target").asText()).endsWith(":assumed-role/worker/offender");
        assertThat(sts(session(bystander)).getCallerIdentity().arn()).as("only the offending session").endsWith("/bystander");
    }

    @Test
    void assumeRoleFromNewSourceIpWhenPrincipalFirstAssumesThenOneFindingHoweverOftenItAssumesAgain() throws Exception {
        AwsCredentials newcomer = userAllowedToAssume(watched, "newcomer");
        for (int i = 0; i < 3; i++) {
            int n = i;
            eventually(Duration.ofSeconds(10), () -> sts(newcomer).assumeRole(r -> r.roleArn(opsArn).roleSessionName("n" + n)).credentials());
        }

        JsonNode finding = eventually(Duration.ofSeconds(10), () -> findings(watched, "AssumeRoleFromNewSourceIp").stream()
                .filter(f -> f.path("Principal").asText().endsWith(":user/newcomer")).findFirst().orElse(null));
        Thread.sleep(1500);

        assertThat(finding.path("SourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(findings(watched, "AssumeRoleFromNewSourceIp").stream().filter(f -> f.path("Principal").asText().endsWith(":user/newcomer")))
                .hasSize(1);
    }

    @Test
    void rootUsageWhenRootCallsThenFindingWithoutResponse() throws Exception {
        iam(root(watched)).listUsers();

        JsonNode finding = eventually(Duration.ofSeconds(10), () -> findings(watched, "RootUsage").stream()
                .filter(f -> f.path("Summary").asText().contains("ListUsers")).findFirst().orElse(null));

        assertThat(finding.path("Principal").asText()).isEqualTo("arn:aws:iam::" + watched.accountId() + ":root");
        assertThat(finding.path("Response").path("Action").asText()).isEqualTo("None");
    }

    @Test
    void revokedOrExpiredCredentialsWhenRevokedSessionUsedThenFinding() throws Exception {
        AwsCredentials holder = userAllowedToAssume(watched, "holder");
        Credentials held = eventually(Duration.ofSeconds(10), () -> sts(holder).assumeRole(r -> r.roleArn(opsArn).roleSessionName("held"))
                .credentials());
        HttpResponse<String> rule = new SignedJsonClient(root(watched), "revocation").send("POST", URI.create(PLATFORM.revocationUrl() + "/rules"),
                "{\"Scope\":\"Principal\",\"Target\":\"arn:aws:sts::" + watched.accountId() + ":assumed-role/ops/held\"}");
        assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
        eventually(Duration.ofSeconds(10), () -> {
            assertThatThrownBy(() -> sts(session(held)).getCallerIdentity()).hasMessageContaining("revoked");
            return true;
        });

        JsonNode finding = eventually(Duration.ofSeconds(10), () -> findings(watched, "RevokedOrExpiredCredentials").stream()
                .filter(f -> f.path("Principal").asText().endsWith(":assumed-role/ops/held")).findFirst().orElse(null));

        assertThat(finding.path("Summary").asText()).contains("revoked");
    }

    @Test
    void crossAccountAssumptionWhenPartnerAssumesOurRoleThenInboundFindingButNoRuleAgainstThePartner() throws Exception {
        sts(vendor).assumeRole(r -> r.roleArn(opsArn).roleSessionName("vendor"));

        JsonNode finding = eventually(Duration.ofSeconds(10), () -> findings(watched, "CrossAccountAssumptions").stream()
                .filter(f -> f.path("Summary").asText().startsWith("Inbound")).findFirst().orElse(null));
        Thread.sleep(1000);

        assertThat(finding.path("Response").path("Action").asText()).isEqualTo("Quarantine");
        assertThat(finding.path("Response").path("Status").asText()).isEqualTo("NotApplicable");
        assertThat(finding.path("Response").has("RuleId")).isFalse();
        assertThat(sts(vendor).assumeRole(r -> r.roleArn(opsArn).roleSessionName("vendor-again")).credentials()).isNotNull();
        assertThat(rules(partner)).isEmpty();
    }

    @Test
    void findingsWhenAnotherAccountAsksThenNoneOfThemAndNotFound() throws Exception {
        iam(root(watched)).listRoles();
        JsonNode finding = eventually(Duration.ofSeconds(10), () -> findings(watched, "RootUsage").stream().findFirst().orElse(null));

        HttpResponse<String> stranger = call(root(partner), "GetDetectionFinding", "{\"FindingId\":\"" + finding.path("FindingId").asText() + "\"}");

        assertThat(stranger.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(stranger.body()).path("__type").asText()).isEqualTo("ResourceNotFoundException");
        assertThat(run(partner, "ListDetectionFindings", "{}").path("Findings")).isEmpty();
        assertThat(run(partner, "GetDetectionSettings", "{}").path("Detections")).allSatisfy(d ->
                assertThat(d.path("Enabled").asBoolean()).isFalse());
    }

    /**
     * Someone who reaches the brokers writes responses on mayfly.detections: unsigned, the revocation service takes none;
     * signed with the audit's own key but naming another account's principal, it is refused as a tenant's request would
     * be, and recorded in the account's trail. A genuine response written after them shows they were read.
     */
    @Test
    void detectionResponsesWhenCraftedThenNeverARuleAgainstAnotherAccountsPrincipal() throws Exception {
        RecordSigner audit = new RecordSigner(new PublishedKeyRing(PLATFORM.tokenKeysFile.resolveSibling("audit-feed-signing.keys"),
                PLATFORM.tokenKeysFile.resolveSibling("audit-feed-signing.pub")).loadOrCreate(Instant.now()), Clock.systemUTC());
        Instant now = Instant.now();
        Instant until = now.plusSeconds(600);
        DetectionResponse unsigned = new DetectionResponse("f-crafted-1", "rr-" + UUID.randomUUID(), partner.accountId(), "RootUsage",
                "Quarantine", "Principal", vendorArn, until, now);
        String crossRule = "rr-" + UUID.randomUUID();
        DetectionResponse crossTenant = new DetectionResponse("f-crafted-2", crossRule, watched.accountId(), "RootUsage", "Quarantine",
                "Principal", vendorArn, until, now);
        String canaryRule = "rr-" + UUID.randomUUID();
        DetectionResponse genuine = new DetectionResponse("f-genuine", canaryRule, watched.accountId(), "RootUsage", "Quarantine",
                "Principal", "arn:aws:iam::" + watched.accountId() + ":user/canary", until, now);
        try (Producer<String, byte[]> producer = KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers())
                .producer(Map.of(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.DETECTIONS, partner.accountId(), Json.mapper().writeValueAsBytes(unsigned))).get();
            producer.send(audit.sign(new ProducerRecord<>(Topics.DETECTIONS, watched.accountId(), Json.mapper().writeValueAsBytes(crossTenant)))).get();
            producer.send(audit.sign(new ProducerRecord<>(Topics.DETECTIONS, watched.accountId(), Json.mapper().writeValueAsBytes(genuine)))).get();
        }

        eventually(Duration.ofSeconds(10), () -> rules(watched).stream().anyMatch(r -> r.path("RuleId").asText().equals(canaryRule)) ? true : null);

        assertThat(rules(partner)).isEmpty();
        assertThat(rules(watched)).noneMatch(r -> r.path("RuleId").asText().equals(crossRule));
        assertThat(sts(vendor).assumeRole(r -> r.roleArn(opsArn).roleSessionName("still-fine")).credentials()).isNotNull();
        JsonNode refused = eventually(Duration.ofSeconds(10), () -> {
            JsonNode records = run(watched, "Search", "{\"Query\":\"event.action:CreateRule AND event.outcome:failure\",\"MaxResults\":5}")
                    .path("Records");
            return records.isEmpty() ? null : records.get(0);
        });
        assertThat(refused.path("userIdentity").path("type").asText()).isEqualTo("AWSService");
        assertThat(refused.path("errorCode").asText()).isEqualTo("AccessDeniedException");
        assertThat(refused.path("requestParameters").path("FindingId").asText()).isEqualTo("f-crafted-2");
    }

    /**
     * The audit publishes a response again (a batch evaluated again after Kafka left part of it unacknowledged) once the
     * account lifted the rule the first delivery made: the rule is not made again, and every account's responses after
     * it are still made.
     */
    @Test
    void detectionResponseWhenDeliveredAgainAfterItsRuleWasLiftedThenNotMadeAgainAndTheNextOnesAre() throws Exception {
        RecordSigner audit = new RecordSigner(new PublishedKeyRing(PLATFORM.tokenKeysFile.resolveSibling("audit-feed-signing.keys"),
                PLATFORM.tokenKeysFile.resolveSibling("audit-feed-signing.pub")).loadOrCreate(Instant.now()), Clock.systemUTC());
        Instant now = Instant.now();
        String liftedRule = "rr-" + UUID.randomUUID();
        DetectionResponse response = new DetectionResponse("f-twice", liftedRule, watched.accountId(), "RootUsage", "Quarantine",
                "Principal", "arn:aws:iam::" + watched.accountId() + ":user/twice", now.plusSeconds(600), now);
        NewAccount other = PLATFORM.issuer.accounts().create("detections-next");
        String nextRule = "rr-" + UUID.randomUUID();
        DetectionResponse next = new DetectionResponse("f-after-twice", nextRule, other.accountId(), "RootUsage", "Quarantine",
                "Principal", "arn:aws:iam::" + other.accountId() + ":user/next", now.plusSeconds(600), now);
        try (Producer<String, byte[]> producer = KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers())
                .producer(Map.of(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(audit.sign(new ProducerRecord<>(Topics.DETECTIONS, watched.accountId(), Json.mapper().writeValueAsBytes(response)))).get();
            eventually(Duration.ofSeconds(10), () -> rules(watched).stream().anyMatch(r -> r.path("RuleId").asText().equals(liftedRule)) ? true : null);
            HttpResponse<String> lifted = new SignedJsonClient(root(watched), "revocation").send("DELETE",
                    URI.create(PLATFORM.revocationUrl() + "/rules/" + liftedRule), null);
            assertThat(lifted.statusCode()).as(lifted.body()).isEqualTo(204);

            producer.send(audit.sign(new ProducerRecord<>(Topics.DETECTIONS, watched.accountId(), Json.mapper().writeValueAsBytes(response)))).get();
            producer.send(audit.sign(new ProducerRecord<>(Topics.DETECTIONS, other.accountId(), Json.mapper().writeValueAsBytes(next)))).get();
        }

        eventually(Duration.ofSeconds(10), () -> rules(other).stream().anyMatch(r -> r.path("RuleId").asText().equals(nextRule)) ? true : null);
        assertThat(rules(watched)).noneMatch(r -> r.path("RuleId").asText().equals(liftedRule));
    }

    @Test
    void putDetectionSettingsWhenHostileInputThenValidationErrorAndNothingChanged() throws Exception {
        NewAccount account = PLATFORM.issuer.accounts().create("detections-hostile");
        List<String> bodies = List.of(
                "{}",
                "{\"Detections\":{}}",
                "{\"Detections\":[1]}",
                "{\"Detections\":[{}]}",
                "{\"Detections\":[{\"Name\":\"NoSuchDetection\"}]}",
                "{\"Detections\":[{\"Name\":\"" + "x".repeat(10_000) + "\"}]}",
                "{\"Detections\":[{\"Name\":\"RootUsage\",\"Enabled\":\"yes\"}]}",
                "{\"Detections\":[{\"Name\":\"FailedAssumeRoleBursts\",\"Threshold\":\"5\"}]}",
                "{\"Detections\":[{\"Name\":\"FailedAssumeRoleBursts\",\"Threshold\":0}]}",
                "{\"Detections\":[{\"Name\":\"FailedAssumeRoleBursts\",\"Threshold\":99999999999}]}",
                "{\"Detections\":[{\"Name\":\"FailedAssumeRoleBursts\",\"WindowSeconds\":1.5}]}",
                "{\"Detections\":[{\"Name\":\"RootUsage\",\"Response\":\"Delete\"}]}",
                "{\"Detections\":[{\"Name\":\"RootUsage\",\"QuarantineMinutes\":100000}]}",
                "{\"Detections\":[{\"Name\":\"RootUsage\"},{\"Name\":\"RootUsage\"}]}",
                "{\"Detections\":[{\"Name\":\"RootUsage\",\"Webhook\":\"http://169.254.169.254/\"}]}",
                "{\"Detections\":[{\"Name\":\"RootUsage\"},{\"Name\":\"RootUsage\"},{\"Name\":\"RootUsage\"},{\"Name\":\"RootUsage\"},"
                        + "{\"Name\":\"RootUsage\"},{\"Name\":\"RootUsage\"}]}",
                "{\"Detections\":[],\"Webhook\":\"http://example.com/\"}",
                "{\"Detections\":[],\"Webhook\":{\"Url\":5}}",
                "{\"Detections\":[],\"Webhook\":{\"Url\":\"ftp://example.com/\"}}",
                "{\"Detections\":[],\"Webhook\":{\"Url\":\"https://user:secret@example.com/\"}}",
                "{\"Detections\":[],\"Webhook\":{\"Url\":\"https://example.com/" + "a".repeat(3000) + "\"}}",
                "{\"Detections\":[],\"Webhook\":{\"Url\":\"https://example.com/\",\"RotateSecret\":\"yes\"}}",
                "{\"Detections\":[],\"Webhook\":{\"Url\":\"https://example.com/\",\"Secret\":\"mine\"}}",
                "{\"Detections\":[],\"Other\":1}");
        for (String body : bodies) {
            HttpResponse<String> answer = call(root(account), "PutDetectionSettings", body);
            assertThat(answer.statusCode()).as(body.length() > 200 ? body.substring(0, 200) : body).isEqualTo(400);
            JsonNode error = Json.mapper().readTree(answer.body());
            assertThat(error.path("__type").asText()).isEqualTo("ValidationException");
            assertThat(error.path("message").asText().length()).isLessThan(300);
            assertThat(answer.body()).doesNotContain("secret@");
        }
        assertThat(call(root(account), "ListDetectionFindings", "{\"MaxResults\":0}").body()).contains("InvalidMaxResultsException");
        assertThat(call(root(account), "ListDetectionFindings", "{\"NextToken\":\"bm9wZQ\"}").body()).contains("InvalidNextTokenException");
        assertThat(call(root(account), "ListDetectionFindings", "{\"Detection\":7}").body()).contains("ValidationException");
        assertThat(call(root(account), "GetDetectionFinding", "{\"FindingId\":[\"a\"]}").body()).contains("ValidationException");
        assertThat(run(account, "GetDetectionSettings", "{}").path("Detections")).allSatisfy(d ->
                assertThat(d.path("Enabled").asBoolean()).isFalse());
    }

    @Test
    void putDetectionSettingsWhenNotAllowedOrNotSignedThenRefusedAndRecorded() throws Exception {
        NewAccount account = PLATFORM.issuer.accounts().create("detections-authz");
        iam(root(account)).createUser(r -> r.userName("reader"));
        iam(root(account)).putUserPolicy(r -> r.userName("reader").policyName("read").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["cloudtrail:LookupEvents","cloudtrail:GetDetectionSettings"],
                "Resource":"*"}]}"""));
        AccessKey key = iam(root(account)).createAccessKey(r -> r.userName("reader")).accessKey();
        AwsCredentials reader = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        String body = "{\"Detections\":[{\"Name\":\"RootUsage\"}]}";

        HttpResponse<String> denied = eventually(Duration.ofSeconds(10), () -> {
            HttpResponse<String> answer = call(reader, "PutDetectionSettings", body);
            return answer.statusCode() == 403 || answer.body().contains("AccessDenied") ? answer : null;
        });
        HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(PLATFORM.auditUrl())
                .header("X-Amz-Target", JsonProtocolEndpoint.MAYFLY_PREFIX + "PutDetectionSettings")
                .header("Content-Type", "application/x-amz-json-1.1").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(Json.mapper().readTree(denied.body()).path("__type").asText()).contains("AccessDenied");
        assertThat(unsigned.statusCode()).isBetween(400, 499);
        assertThat(run(account, "GetDetectionSettings", "{}").path("Detections")).allSatisfy(d ->
                assertThat(d.path("Enabled").asBoolean()).isFalse());
        assertThat(call(reader, "GetDetectionSettings", "{}").statusCode()).isEqualTo(200);
        JsonNode recorded = eventually(Duration.ofSeconds(10), () -> {
            JsonNode records = run(account, "Search", "{\"Query\":\"event.action:PutDetectionSettings AND event.outcome:failure\"}")
                    .path("Records");
            return records.isEmpty() ? null : records.get(0);
        });
        assertThat(recorded.path("readOnly").asBoolean()).isFalse();
    }

    /**
     * A finding posted to the account's webhook, signed with the secret the account was shown once; a webhook that fails
     * is retried, and how it went is in the finding.
     */
    @Test
    void webhookWhenFindingMadeThenPostedSignedAndDeliveryVisibleInTheFinding() throws Exception {
        NewAccount account = PLATFORM.issuer.accounts().create("detections-webhook");
        List<Received> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Mayfly-Signature"), exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(exchange.getRequestURI().getQuery() == null ? 204 : 500, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            JsonNode put = run(account, "PutDetectionSettings", "{\"Detections\":[{\"Name\":\"RootUsage\"}],\"Webhook\":{\"Url\":\"" + url + "\"}}");
            String secret = put.path("Webhook").path("Secret").asText();
            assertThat(secret).startsWith("whsec_");
            assertThat(run(account, "GetDetectionSettings", "{}").path("Webhook").has("Secret")).as("shown once").isFalse();
            assertThat(run(account, "PutDetectionSettings", "{\"Detections\":[{\"Name\":\"RootUsage\"}],\"Webhook\":{\"Url\":\"" + url
                    + "\"}}").path("Webhook").has("Secret")).as("kept, not shown again").isFalse();

            iam(root(account)).listUsers();

            Received delivery = eventually(Duration.ofSeconds(10), () -> received.isEmpty() ? null : received.getFirst());
            JsonNode posted = Json.mapper().readTree(delivery.body());
            String timestamp = delivery.signature().replaceAll("t=(\\d+),v1=.*", "$1");
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(delivery.signature()).isEqualTo("t=" + timestamp + ",v1=" + java.util.HexFormat.of().formatHex(mac.doFinal(delivery.body())));
            assertThat(posted.path("Detection").asText()).isEqualTo("RootUsage");
            assertThat(posted.path("AccountId").asText()).isEqualTo(account.accountId());
            JsonNode stored = eventually(Duration.ofSeconds(10), () -> {
                JsonNode finding = run(account, "GetDetectionFinding", "{\"FindingId\":\"" + posted.path("FindingId").asText() + "\"}").path("Finding");
                return finding.path("Webhook").path("Status").asText().equals("Delivered") ? finding : null;
            });
            assertThat(stored.path("Webhook").path("Attempts").asInt()).isEqualTo(1);

            JsonNode rotated = run(account, "PutDetectionSettings", "{\"Detections\":[{\"Name\":\"RootUsage\"}],\"Webhook\":{\"Url\":\"" + url
                    + "?fail=1\",\"RotateSecret\":true}}");
            assertThat(rotated.path("Webhook").path("Secret").asText()).startsWith("whsec_").isNotEqualTo(secret);
            iam(root(account)).listRoles();
            JsonNode failing = eventually(Duration.ofSeconds(15), () -> findings(account, "RootUsage").stream()
                    .filter(f -> f.path("Summary").asText().contains("ListRoles") && f.path("Webhook").path("Attempts").asInt() >= 2)
                    .findFirst().orElse(null));
            assertThat(failing.path("Webhook").path("Status").asText()).isIn("Retrying", "Failed");
            assertThat(failing.path("Webhook").path("LastError").asText()).isEqualTo("HTTP 500");
            JsonNode recorded = eventually(Duration.ofSeconds(10), () -> {
                JsonNode records = run(account, "Search", "{\"Query\":\"event.action:PutDetectionSettings\"}").path("Records");
                return records.size() >= 3 ? records : null;
            });
            assertThat(recorded.toString()).as("a webhook URL may be a credential: never in the trail").doesNotContain("/hook")
                    .contains("HIDDEN_DUE_TO_SECURITY_REASONS").doesNotContain("whsec_");
        } finally {
            receiver.stop(0);
        }
    }

    private record Received(String signature, byte[] body) {
    }

    private static JsonNode single(List<JsonNode> findings) {
        return findings.size() == 1 ? findings.getFirst() : null;
    }

    private static List<JsonNode> findings(NewAccount account, String detection) {
        List<JsonNode> findings = new ArrayList<>();
        run(account, "ListDetectionFindings", "{\"Detection\":\"" + detection + "\"}").path("Findings").forEach(findings::add);
        return findings;
    }

    private static List<JsonNode> rules(NewAccount account) {
        try {
            HttpResponse<String> answer = new SignedJsonClient(root(account), "revocation").send("GET",
                    URI.create(PLATFORM.revocationUrl() + "/rules"), null);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            List<JsonNode> rules = new ArrayList<>();
            Json.mapper().readTree(answer.body()).path("Rules").forEach(rules::add);
            return rules;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode run(NewAccount account, String operation, String json) {
        HttpResponse<String> response = call(root(account), operation, json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> call(AwsCredentials credentials, String operation, String json) {
        try {
            return new SignedJsonClient(credentials, "cloudtrail").target(PLATFORM.auditUrl(), JsonProtocolEndpoint.MAYFLY_PREFIX + operation,
                    json);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
