package dev.mayfly.dev;

import static dev.mayfly.dev.Tenants.cloudTrail;
import static dev.mayfly.dev.Tenants.iam;
import static dev.mayfly.dev.Tenants.session;
import static dev.mayfly.dev.Tenants.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * One AssumeRole across the whole platform, driven by the AWS SDK for Java v2: issued by the issuer,
 * recorded through Kafka into Elasticsearch and found with CloudTrail's LookupEvents, then revoked through
 * the revocation service and refused by the issuer, while a fresh session still works.
 */
class PlatformEndToEndTest {

    private final Platform platform = Platform.get();

    static <T> T eventually(Duration within, Supplier<T> attempt) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            try {
                T result = attempt.get();
                if (result != null) {
                    return result;
                }
            } catch (AssertionError | RuntimeException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("nothing within " + within);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void assumeRoleWhenIssuedThenAuditedAndWhenRevokedThenOldSessionRefusedAndNewOneWorks() throws Exception {
        NewAccount account = platform.issuer.accounts().create("end-to-end");
        AwsCredentials root = AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey());
        String roleArn = "arn:aws:iam::" + account.accountId() + ":role/deployer";

        IamClient rootIam = iam(root);
        rootIam.createUser(r -> r.userName("ci"));
        AccessKey key = rootIam.createAccessKey(r -> r.userName("ci")).accessKey();
        rootIam.createRole(r -> r.roleName("deployer").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}]}"""
                .formatted(account.accountId())));
        rootIam.putUserPolicy(r -> r.userName("ci").policyName("assume").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"%s"}]}""".formatted(roleArn)));

        StsClient userSts = sts(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
        Credentials old = userSts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("build-1")).credentials();
        assertThat(sts(session(old)).getCallerIdentity().arn())
                .isEqualTo("arn:aws:sts::" + account.accountId() + ":assumed-role/deployer/build-1");

        Event record = eventually(Duration.ofSeconds(15), () -> cloudTrail(root).lookupEvents(r -> r.lookupAttributes(a -> a
                .attributeKey(LookupAttributeKey.ACCESS_KEY_ID).attributeValue(key.accessKeyId()))).events().stream()
                .filter(e -> e.eventName().equals("AssumeRole")).findFirst().orElse(null));
        assertThat(record.username()).isEqualTo("ci");
        assertThat(record.resources()).anySatisfy(r -> assertThat(r.resourceName()).isEqualTo(roleArn));
        JsonNode cloudTrailEvent = Json.mapper().readTree(record.cloudTrailEvent());
        assertThat(cloudTrailEvent.path("responseElements").path("credentials").path("accessKeyId").asText()).isEqualTo(old.accessKeyId());
        assertThat(record.cloudTrailEvent()).doesNotContain(old.secretAccessKey()).doesNotContain(old.sessionToken());

        HttpResponse<String> revoked = new SignedJsonClient(root, "revocation").send("POST",
                URI.create(platform.revocationUrl() + "/rules"),
                "{\"Scope\":\"Role\",\"Target\":\"" + roleArn + "\",\"Reason\":\"key leaked in build log\"}");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(201);

        eventually(Duration.ofSeconds(5), () -> {
            assertThatThrownBy(() -> sts(session(old)).getCallerIdentity())
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.getMessage()).contains("revoked");
                    });
            return true;
        });
        Credentials fresh = userSts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("build-2")).credentials();
        assertThat(sts(session(fresh)).getCallerIdentity().arn()).endsWith(":assumed-role/deployer/build-2");

        List<Event> denied = eventually(Duration.ofSeconds(15), () -> {
            List<Event> events = cloudTrail(root).lookupEvents(r -> r.lookupAttributes(a -> a
                    .attributeKey(LookupAttributeKey.ACCESS_KEY_ID).attributeValue(old.accessKeyId()))).events();
            return events.stream().anyMatch(e -> e.cloudTrailEvent().contains("\"errorCode\":\"AccessDenied\"")) ? events : null;
        });
        assertThat(denied).isNotEmpty();
        Event ruleCreation = eventually(Duration.ofSeconds(15), () -> cloudTrail(root).lookupEvents(r -> r.lookupAttributes(a -> a
                .attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("CreateRule"))).events().stream().findFirst().orElse(null));
        assertThat(ruleCreation.eventSource()).isEqualTo("revocation.mayfly");
        assertThat(ruleCreation.cloudTrailEvent()).contains("key leaked in build log");
    }

    @Test
    void lookupEventsWhenOtherTenantThenSeesNoneOfTheFirstTenantsRecords() throws Exception {
        NewAccount first = platform.issuer.accounts().create("tenant-a");
        NewAccount second = platform.issuer.accounts().create("tenant-b");
        AwsCredentials firstRoot = AwsBasicCredentials.create(first.accessKeyId(), first.secretAccessKey());
        AwsCredentials secondRoot = AwsBasicCredentials.create(second.accessKeyId(), second.secretAccessKey());
        sts(firstRoot).getCallerIdentity();
        eventually(Duration.ofSeconds(15), () -> cloudTrail(firstRoot).lookupEvents(r -> r.lookupAttributes(a -> a
                .attributeKey(LookupAttributeKey.ACCESS_KEY_ID).attributeValue(first.accessKeyId()))).events().isEmpty() ? null : true);
        assertThat(cloudTrail(secondRoot).lookupEvents(r -> r.lookupAttributes(a -> a
                .attributeKey(LookupAttributeKey.ACCESS_KEY_ID).attributeValue(first.accessKeyId()))).events()).isEmpty();
    }

    @Test
    void lookupEventsWhenSignatureWrongThenRefused() {
        AwsCredentials forged = AwsBasicCredentials.create("AKIAUNKNOWNUNKNOWN00", "x".repeat(40));
        assertThatThrownBy(() -> cloudTrail(forged).lookupEvents(r -> r.maxResults(1)))
                .isInstanceOfSatisfying(AwsServiceException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
    }
}
