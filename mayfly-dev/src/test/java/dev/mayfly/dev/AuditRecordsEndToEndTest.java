package dev.mayfly.dev;

import static dev.mayfly.dev.PlatformEndToEndTest.eventually;
import static dev.mayfly.dev.Tenants.cloudTrail;
import static dev.mayfly.dev.Tenants.iam;
import static dev.mayfly.dev.Tenants.root;
import static dev.mayfly.dev.Tenants.session;
import static dev.mayfly.dev.Tenants.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.PublicKey;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Records as they land in Elasticsearch and come back through CloudTrail's API: a cross-account AssumeRole recorded in
 * both accounts, the session's calls with its issuer, ECS fields and request parameters searchable.
 */
class AuditRecordsEndToEndTest {

    private static NewAccount callers;
    private static NewAccount owners;
    private static String roleArn;
    private static Credentials session;
    private static AccessKey userKey;

    @BeforeAll
    static void aUserAssumesARoleOfAnotherAccount() {
        callers = Platform.get().issuer.accounts().create("callers");
        owners = Platform.get().issuer.accounts().create("owners");
        roleArn = "arn:aws:iam::" + owners.accountId() + ":role/shared";
        iam(root(owners)).createRole(r -> r.roleName("shared").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}]}"""
                .formatted(callers.accountId())));
        iam(root(callers)).createUser(r -> r.userName("alice"));
        userKey = iam(root(callers)).createAccessKey(r -> r.userName("alice")).accessKey();
        iam(root(callers)).putUserPolicy(r -> r.userName("alice").policyName("assume").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"%s"}]}""".formatted(roleArn)));
        session = sts(AwsBasicCredentials.create(userKey.accessKeyId(), userKey.secretAccessKey()))
                .assumeRole(r -> r.roleArn(roleArn).roleSessionName("nightly")).credentials();
        sts(session(session)).getCallerIdentity();
    }

    private static Event assumeRoleSeenBy(AwsCredentials credentials) throws InterruptedException {
        return eventually(Duration.ofSeconds(15), () -> cloudTrail(credentials).lookupEvents(r -> r.lookupAttributes(a -> a
                .attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("AssumeRole"))).events().stream().findFirst().orElse(null));
    }

    @Test
    void assumeRoleWhenAcrossAccountsThenRecordedInBothWithOneSharedEventId() throws Exception {
        JsonNode inCallers = Json.mapper().readTree(assumeRoleSeenBy(root(callers)).cloudTrailEvent());
        JsonNode inOwners = Json.mapper().readTree(assumeRoleSeenBy(root(owners)).cloudTrailEvent());

        assertThat(inCallers.path("recipientAccountId").asText()).isEqualTo(callers.accountId());
        assertThat(inCallers.path("userIdentity").path("type").asText()).isEqualTo("IAMUser");
        assertThat(inCallers.path("userIdentity").path("userName").asText()).isEqualTo("alice");
        assertThat(inOwners.path("recipientAccountId").asText()).isEqualTo(owners.accountId());
        assertThat(inOwners.path("userIdentity").path("type").asText()).isEqualTo("AWSAccount");
        assertThat(inOwners.path("userIdentity").path("accountId").asText()).isEqualTo(callers.accountId());
        assertThat(inOwners.path("userIdentity").has("arn")).as("the other account learns no more than the caller's account").isFalse();
        assertThat(inCallers.path("sharedEventID").asText()).isNotEmpty().isEqualTo(inOwners.path("sharedEventID").asText());
        assertThat(inCallers.path("eventID").asText()).isNotEqualTo(inOwners.path("eventID").asText());
        assertThat(inOwners.path("resources").path(0).path("ARN").asText()).isEqualTo(roleArn);
        assertThat(inOwners.toString()).doesNotContain(session.secretAccessKey()).doesNotContain(session.sessionToken());
    }

    @Test
    void assumeRoleWhenRefusedAcrossAccountsThenTheRolesAccountSeesItOnlyWhenTheRoleExists() throws Exception {
        NewAccount probers = Platform.get().issuer.accounts().create("probers");
        NewAccount targets = Platform.get().issuer.accounts().create("targets");
        iam(root(targets)).createRole(r -> r.roleName("guarded").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}]}"""
                .formatted(targets.accountId())));
        iam(root(probers)).createUser(r -> r.userName("mallory"));
        iam(root(probers)).putUserPolicy(r -> r.userName("mallory").policyName("any").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"""));
        AccessKey key = iam(root(probers)).createAccessKey(r -> r.userName("mallory")).accessKey();
        var mallory = sts(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
        String existing = "arn:aws:iam::" + targets.accountId() + ":role/guarded";
        String missing = "arn:aws:iam::" + targets.accountId() + ":role/not-there";

        for (String role : List.of(existing, missing)) {
            assertThatThrownBy(() -> mallory.assumeRole(r -> r.roleArn(role).roleSessionName("probe")))
                    .isInstanceOf(StsException.class).hasMessageContaining("is not authorized to perform: sts:AssumeRole");
        }

        List<Event> seenByProbers = eventually(Duration.ofSeconds(15), () -> {
            List<Event> events = assumeRolesSeenBy(root(probers));
            return events.size() == 2 ? events : null;
        });
        List<Event> seenByTargets = eventually(Duration.ofSeconds(15), () -> {
            List<Event> events = assumeRolesSeenBy(root(targets));
            return events.isEmpty() ? null : events;
        });
        assertThat(seenByProbers).allSatisfy(e -> assertThat(e.cloudTrailEvent()).contains("\"errorCode\":\"AccessDenied\""));
        assertThat(seenByProbers).as("the caller's own records do not tell which of the roles exists")
                .allSatisfy(e -> assertThat(e.cloudTrailEvent()).doesNotContain("sharedEventID").doesNotContain("\"resources\""))
                .allSatisfy(e -> assertThat(e.resources()).isEmpty());
        assertThat(seenByTargets).as("records of both attempts were written together: one in the role's account, none for a role that does not exist")
                .singleElement().satisfies(e -> assertThat(e.cloudTrailEvent()).contains(existing).doesNotContain(missing)
                        .contains("\"type\":\"AWSAccount\""));
    }

    private static List<Event> assumeRolesSeenBy(AwsCredentials credentials) {
        return cloudTrail(credentials).lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME)
                .attributeValue("AssumeRole"))).events();
    }

    @Test
    void getCallerIdentityWhenCalledWithRoleSessionThenAssumedRoleWithItsIssuer() throws Exception {
        Event event = eventually(Duration.ofSeconds(15), () -> cloudTrail(root(owners)).lookupEvents(r -> r.lookupAttributes(a -> a
                .attributeKey(LookupAttributeKey.ACCESS_KEY_ID).attributeValue(session.accessKeyId()))).events().stream()
                .findFirst().orElse(null));
        JsonNode identity = Json.mapper().readTree(event.cloudTrailEvent()).path("userIdentity");

        assertThat(identity.path("type").asText()).isEqualTo("AssumedRole");
        assertThat(identity.path("arn").asText()).isEqualTo("arn:aws:sts::" + owners.accountId() + ":assumed-role/shared/nightly");
        assertThat(identity.path("sessionContext").path("sessionIssuer").path("arn").asText()).isEqualTo(roleArn);
        assertThat(identity.path("sessionContext").path("sessionIssuer").path("userName").asText()).isEqualTo("shared");
        assertThat(identity.path("sessionContext").path("attributes").path("mfaAuthenticated").asText()).isEqualTo("false");
        assertThat(event.username()).isEqualTo("nightly");
    }

    @Test
    void searchWhenByEcsFieldsAndRequestParametersThenFound() throws Exception {
        assumeRoleSeenBy(root(owners));
        String query = """
                {"query":{"bool":{"filter":[
                  {"term":{"event.action":"AssumeRole"}},{"term":{"event.outcome":"success"}},
                  {"term":{"cloud.account.id":"%s"}},{"term":{"requestParameters.roleArn":"%s"}},
                  {"term":{"requestParameters.roleSessionName":"nightly"}},{"term":{"user.name":"alice"}}]}}}"""
                .formatted(callers.accountId(), roleArn);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(SharedInfrastructure.elasticsearch().httpUrl() + "/mayfly-cloudtrail-*/_search"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(query)).build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode hits = Json.mapper().readTree(response.body()).path("hits").path("hits");
        assertThat(hits.size()).as(response.body()).isEqualTo(1);
        JsonNode source = hits.get(0).path("_source");
        assertThat(source.path("source").path("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(source.path("user_agent").path("original").asText()).contains("aws-sdk-java");
        assertThat(source.path("event").path("provider").asText()).isEqualTo("sts.amazonaws.com");
    }

    @Test
    void listPublicKeysWhenCalledThenTheDigestSigningKey() {
        PublicKey key = cloudTrail(root(callers)).listPublicKeys().publicKeyList().getFirst();

        assertThat(key.value().asByteArray()).isNotEmpty();
        assertThat(key.fingerprint()).hasSize(64);
    }
}
