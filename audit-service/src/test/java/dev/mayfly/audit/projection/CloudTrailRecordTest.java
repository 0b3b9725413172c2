package dev.mayfly.audit.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.contract.ApiCallRecorded.SessionContext;
import dev.mayfly.contract.ApiCallRecorded.SessionIssuer;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each caller type's record against the shape CloudTrail documents for it (userIdentity element, eventVersion 1.11). */
class CloudTrailRecordTest {

    private static final String A = "111111111111";
    private static final String B = "222222222222";
    private static final Instant AT = Instant.parse("2026-12-01T10:15:30.250Z");
    private static final Instant ISSUED = Instant.parse("2026-12-01T09:00:00.500Z");

    private static ApiCallRecorded call(String eventName, UserIdentity identity, Map<String, Object> parameters, List<Resource> resources,
                                        String errorCode, String recipient) {
        return new ApiCallRecorded("11111111-2222-3333-4444-555555555555", AT, "sts.amazonaws.com", eventName, "us-east-1", "192.0.2.7",
                "aws-sdk-java/2.39", "req-1", identity, parameters, errorCode == null ? Map.of("ok", true) : null, errorCode,
                errorCode == null ? null : "User is not authorized", resources, false, recipient);
    }

    private static ApiCallRecorded call(UserIdentity identity) {
        return call("GetCallerIdentity", identity, Map.of(), List.of(), null, A);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> identityOf(ApiCallRecorded call) {
        return (Map<String, Object>) CloudTrailRecord.of(call).getFirst().get("userIdentity");
    }

    @Test
    void ofWhenRootThenRootIdentity() {
        Map<String, Object> identity = identityOf(call(new UserIdentity("Root", A, "arn:aws:iam::" + A + ":root", A, "AKIAROOT", null, null)));

        assertThat(identity).containsOnlyKeys("type", "principalId", "arn", "accountId", "accessKeyId")
                .containsEntry("type", "Root").containsEntry("arn", "arn:aws:iam::" + A + ":root");
    }

    @Test
    void ofWhenIamUserThenUserNameAndNoSessionContext() {
        Map<String, Object> identity = identityOf(call(new UserIdentity("IAMUser", "AIDAALICE", "arn:aws:iam::" + A + ":user/alice", A,
                "AKIAALICE", "alice", null)));

        assertThat(identity).containsOnlyKeys("type", "principalId", "arn", "accountId", "accessKeyId", "userName")
                .containsEntry("userName", "alice");
    }

    @Test
    @SuppressWarnings("unchecked")
    void ofWhenAssumedRoleThenSessionIssuerAttributesAndSourceIdentity() {
        SessionContext context = new SessionContext(new SessionIssuer("Role", "AROADEPLOY", "arn:aws:iam::" + A + ":role/deploy", A, "deploy"),
                ISSUED, true, "alice@example.com");
        Map<String, Object> identity = identityOf(call(new UserIdentity("AssumedRole", "AROADEPLOY:build",
                "arn:aws:sts::" + A + ":assumed-role/deploy/build", A, "ASIABUILD", null, context)));

        Map<String, Object> session = (Map<String, Object>) identity.get("sessionContext");
        assertThat(session).containsOnlyKeys("sessionIssuer", "attributes", "sourceIdentity");
        assertThat((Map<String, Object>) session.get("sessionIssuer")).containsEntry("type", "Role").containsEntry("userName", "deploy")
                .containsEntry("principalId", "AROADEPLOY").containsEntry("arn", "arn:aws:iam::" + A + ":role/deploy");
        assertThat((Map<String, Object>) session.get("attributes"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("creationDate", "2026-12-01T09:00:00Z", "mfaAuthenticated", "true"));
        assertThat(session).containsEntry("sourceIdentity", "alice@example.com");
    }

    @Test
    @SuppressWarnings("unchecked")
    void ofWhenRoleAssumedWithWebIdentityThenWebIdFederationData() {
        String provider = "arn:aws:iam::" + A + ":oidc-provider/idp.example.com";
        SessionContext context = new SessionContext(new SessionIssuer("Role", "AROAWEB", "arn:aws:iam::" + A + ":role/web", A, "web"),
                ISSUED, false, null, provider);
        Map<String, Object> identity = identityOf(call(new UserIdentity("AssumedRole", "AROAWEB:app",
                "arn:aws:sts::" + A + ":assumed-role/web/app", A, "ASIAWEB", null, context)));

        Map<String, Object> session = (Map<String, Object>) identity.get("sessionContext");
        assertThat((Map<String, Object>) session.get("webIdFederationData"))
                .containsEntry("federatedProvider", provider).containsEntry("attributes", Map.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void ofWhenFederatedUserThenIssuerIsTheUser() {
        SessionContext context = new SessionContext(new SessionIssuer("IAMUser", "AIDAALICE", "arn:aws:iam::" + A + ":user/alice", A, "alice"),
                ISSUED, false, null);
        Map<String, Object> identity = identityOf(call(new UserIdentity("FederatedUser", A + ":bob",
                "arn:aws:sts::" + A + ":federated-user/bob", A, "ASIABOB", null, context)));

        assertThat(identity).containsEntry("type", "FederatedUser").containsEntry("principalId", A + ":bob");
        assertThat((Map<String, Object>) ((Map<String, Object>) identity.get("sessionContext")).get("sessionIssuer"))
                .containsEntry("type", "IAMUser").containsEntry("userName", "alice");
    }

    @Test
    void ofWhenWebIdentityUserThenProviderAndSubjectOnly() {
        Map<String, Object> identity = identityOf(call("AssumeRoleWithWebIdentity", new UserIdentity("WebIdentityUser",
                "idp.example.com:app:user-7", null, null, null, "user-7", null, "idp.example.com"), Map.of(), List.of(), null, A));

        assertThat(identity).containsOnlyKeys("type", "principalId", "userName", "identityProvider")
                .containsEntry("identityProvider", "idp.example.com").containsEntry("userName", "user-7");
    }

    @Test
    void ofWhenSamlUserThenNameQualifierAsIdentityProvider() {
        Map<String, Object> identity = identityOf(call("AssumeRoleWithSAML", new UserIdentity("SAMLUser", "Qx3v0=:alice", null, null, null,
                "alice", null, "Qx3v0="), Map.of(), List.of(), null, A));

        assertThat(identity).containsOnlyKeys("type", "principalId", "userName", "identityProvider")
                .containsEntry("principalId", "Qx3v0=:alice");
    }

    @Test
    @SuppressWarnings("unchecked")
    void ofWhenAssumeRoleAcrossAccountsThenOneRecordInEachSharingAnEventId() {
        String role = "arn:aws:iam::" + B + ":role/shared";
        ApiCallRecorded call = call("AssumeRole", new UserIdentity("IAMUser", "AIDAALICE", "arn:aws:iam::" + A + ":user/alice", A,
                "AKIAALICE", "alice", null), Map.of("roleArn", role, "roleSessionName", "s"), List.of(new Resource(role, B, "AWS::IAM::Role")),
                null, A);

        List<Map<String, Object>> records = CloudTrailRecord.of(call);

        assertThat(records).hasSize(2);
        Map<String, Object> callers = records.get(0);
        Map<String, Object> owners = records.get(1);
        assertThat(callers).containsEntry("recipientAccountId", A).containsEntry("eventID", call.eventId());
        assertThat(owners).containsEntry("recipientAccountId", B);
        assertThat(owners.get("eventID")).isNotEqualTo(call.eventId());
        assertThat(callers.get("sharedEventID")).isNotNull().isEqualTo(owners.get("sharedEventID"));
        assertThat((Map<String, Object>) owners.get("userIdentity"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("type", "AWSAccount", "principalId", "AIDAALICE", "accountId", A));
        assertThat(CloudTrailRecord.of(call)).as("the same event gives the same records").isEqualTo(records);
    }

    @Test
    void ofWhenRefusedAcrossAccountsThenTheRoleOwnerSeesTheAttemptToo() {
        String role = "arn:aws:iam::" + B + ":role/secret";
        ApiCallRecorded call = call("AssumeRole", new UserIdentity("IAMUser", "AIDAALICE", "arn:aws:iam::" + A + ":user/alice", A,
                "AKIAALICE", "alice", null), Map.of("roleArn", role), List.of(new Resource(role, B, "AWS::IAM::Role")), "AccessDenied", A);

        List<Map<String, Object>> records = CloudTrailRecord.of(call);

        assertThat(records).extracting(r -> r.get("recipientAccountId")).containsExactly(A, B);
        assertThat(records).allSatisfy(r -> assertThat(r).containsEntry("errorCode", "AccessDenied").containsEntry("responseElements", null));
    }

    @Test
    void ofWhenRefusedNamingAnotherAccountsRoleThatDoesNotExistThenOnlyTheCallerSeesIt() {
        ApiCallRecorded call = call("AssumeRole", new UserIdentity("IAMUser", "AIDAALICE", "arn:aws:iam::" + A + ":user/alice", A,
                "AKIAALICE", "alice", null), Map.of("roleArn", "arn:aws:iam::" + B + ":role/none"), List.of(), "AccessDenied", A);

        assertThat(CloudTrailRecord.of(call)).extracting(r -> r.get("recipientAccountId")).containsExactly(A);
    }

    @Test
    void ofWhenRefusedAcrossAccountsThenTheCallersRecordSameWhetherTheRoleExistsOrNot() {
        String role = "arn:aws:iam::" + B + ":role/secret";
        UserIdentity alice = new UserIdentity("IAMUser", "AIDAALICE", "arn:aws:iam::" + A + ":user/alice", A, "AKIAALICE", "alice", null);
        ApiCallRecorded existing = call("AssumeRole", alice, Map.of("roleArn", role), List.of(new Resource(role, B, "AWS::IAM::Role")),
                "AccessDenied", A);
        ApiCallRecorded missing = call("AssumeRole", alice, Map.of("roleArn", role), List.of(), "AccessDenied", A);

        Map<String, Object> callersRecord = CloudTrailRecord.of(existing).getFirst();

        assertThat(callersRecord).containsEntry("recipientAccountId", A).doesNotContainKeys("resources", "sharedEventID");
        assertThat(callersRecord).isEqualTo(CloudTrailRecord.of(missing).getFirst());
        assertThat(CloudTrailRecord.of(existing).get(1)).as("the role's owner sees which of its roles was asked for")
                .containsEntry("recipientAccountId", B).containsKey("resources");
    }

    @Test
    void ofWhenAssumeRoleInOwnAccountThenOneRecordWithoutSharedEventId() {
        String role = "arn:aws:iam::" + A + ":role/own";
        List<Map<String, Object>> records = CloudTrailRecord.of(call("AssumeRole", new UserIdentity("Root", A, "arn:aws:iam::" + A + ":root",
                A, "AKIAROOT", null, null), Map.of("roleArn", role), List.of(new Resource(role, A, "AWS::IAM::Role")), null, A));

        assertThat(records).hasSize(1);
        assertThat(records.getFirst()).doesNotContainKey("sharedEventID");
    }

    @Test
    void ofThenEveryFieldOfEventVersion111InCloudTrailsOrder() {
        Map<String, Object> record = CloudTrailRecord.of(call(new UserIdentity("Root", A, "arn:aws:iam::" + A + ":root", A, "AKIA", null, null)))
                .getFirst();

        assertThat(record.keySet()).containsExactly("eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion",
                "sourceIPAddress", "userAgent", "requestParameters", "responseElements", "requestID", "eventID", "readOnly", "eventType",
                "managementEvent", "recipientAccountId", "eventCategory");
        assertThat(record).containsEntry("eventVersion", "1.11").containsEntry("eventTime", "2026-12-01T10:15:30Z")
                .containsEntry("eventType", "AwsApiCall").containsEntry("managementEvent", true).containsEntry("eventCategory", "Management");
    }

    @Test
    @SuppressWarnings("unchecked")
    void ofWhenCalledOverTlsThenTlsDetailsLastAndOverHttpNone() {
        UserIdentity root = new UserIdentity("Root", A, "arn:aws:iam::" + A + ":root", A, "AKIA", null, null);
        ApiCallRecorded plain = call(root);
        ApiCallRecorded secured = new ApiCallRecorded(plain.eventId(), AT, "sts.amazonaws.com", "GetCallerIdentity", "us-east-1",
                "192.0.2.7", "aws-cli", "req-1", root, Map.of(), Map.of(), null, null, List.of(), true, A,
                new ApiCallRecorded.TlsDetails("TLSv1.3", "TLS_AES_128_GCM_SHA256", "sts.example.com"));

        Map<String, Object> record = CloudTrailRecord.of(secured).getFirst();

        assertThat(List.copyOf(record.keySet()).getLast()).isEqualTo("tlsDetails");
        assertThat((Map<String, Object>) record.get("tlsDetails")).containsExactlyInAnyOrderEntriesOf(Map.of("tlsVersion", "TLSv1.3",
                "cipherSuite", "TLS_AES_128_GCM_SHA256", "clientProvidedHostHeader", "sts.example.com"));
        assertThat(CloudTrailRecord.of(plain).getFirst()).doesNotContainKey("tlsDetails");
    }

    @Test
    @SuppressWarnings("unchecked")
    void ofWhenTheCallWasTracedThenItsTraceIdIsInAdditionalEventDataBesideWhatElseItHolds() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        ApiCallRecorded traced = new ApiCallRecorded("e1", AT, "sts.amazonaws.com", "GetCallerIdentity", "us-east-1", "192.0.2.7", "agent",
                "req-1", null, Map.of(), null, "AccessDenied", "No.", List.of(), true, A, null, Map.of("refusalReason", "why"), traceId);

        Map<String, Object> record = CloudTrailRecord.of(traced).getFirst();

        assertThat((Map<String, Object>) record.get("additionalEventData")).containsEntry("traceId", traceId)
                .containsEntry("refusalReason", "why");
        assertThat(CloudTrailRecord.of(call(null)).getFirst()).doesNotContainKey("additionalEventData");
    }
}
