package dev.mayfly.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.Json;
import dev.mayfly.contract.PolicySnapshot;
import dev.mayfly.contract.PolicySnapshot.LabeledPolicy;
import dev.mayfly.contract.RevocationRule;
import dev.mayfly.policy.PolicyDocument;
import dev.mayfly.policy.decision.Resource;
import dev.mayfly.revocationfeed.Freshness;
import dev.mayfly.revocationfeed.RevocationIndex;
import dev.mayfly.sigv4.RequestHeaders;
import dev.mayfly.sigv4.SigV4Signer;
import dev.mayfly.sigv4.SignedRequest;
import dev.mayfly.token.SessionClaims;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalAuthorizerTest {

    private static final String ACCOUNT = "111122223333";
    private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/reader";
    private static final String SESSION = "arn:aws:sts::" + ACCOUNT + ":assumed-role/reader/s1";
    private static final String OTHER_ACCOUNT = "444455556666";
    /** A note of the session's own account: its ARN names the account, as an SQS queue's does. */
    private static final String NOTE = "arn:aws:notes:us-east-1:" + ACCOUNT + ":note/a";
    /** A note whose ARN names no account, as an S3 object's: the resource server says whose it is. */
    private static final String UNOWNED_NOTE = "arn:aws:notes:::note/a";
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final String READ_NOTES = """
            {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"notes:GetNote","Resource":"*"}}""";

    @TempDir
    static Path keys;
    private final InProcessIssuer issuer = new InProcessIssuer(keys);
    private final PolicyIndex policies = new PolicyIndex();
    private final RevocationIndex revocations = new RevocationIndex();

    private void role(String id) throws Exception {
        role(id, READ_NOTES);
    }

    private void role(String id, String policy) throws Exception {
        role(id, policy, Map.of());
    }

    private void role(String id, String policy, Map<String, String> tags) throws Exception {
        policies.apply(ROLE, Json.mapper().writeValueAsBytes(new PolicySnapshot(ROLE, ACCOUNT, PolicySnapshot.Kind.ROLE, id, tags,
                List.of(new LabeledPolicy("inline policy notes of role reader", policy)), null, NOW)));
    }

    private LocalAuthorizer authorizer(Duration rulesAge, boolean failClosed) {
        return new LocalAuthorizer("notes", issuer.sessions("notes", NOW), policies, revocations,
                List.of(new Freshness(() -> NOW.minus(rulesAge), Duration.ofSeconds(30), failClosed)), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private SignedRequest request(Instant issuedAt) {
        return request(issuedAt, null);
    }

    private SignedRequest request(Instant issuedAt, String sourceAccessKeyId) {
        return signed(new SessionClaims("ASIAEXAMPLEEXAMPLE01", "secret", ACCOUNT, SessionClaims.PrincipalType.ASSUMED_ROLE, SESSION,
                "AROAREADER:s1", ROLE, issuedAt, issuedAt.plusSeconds(3600), null, null, null, null, null, null, null, sourceAccessKeyId));
    }

    /** A request signed with the credentials of the account root's own session (GetSessionToken). */
    private SignedRequest rootSessionRequest() {
        String root = "arn:aws:iam::" + ACCOUNT + ":root";
        return signed(new SessionClaims("ASIAEXAMPLEEXAMPLE02", "secret", ACCOUNT, SessionClaims.PrincipalType.ROOT_SESSION, root, ACCOUNT,
                root, NOW.minusSeconds(60), NOW.plusSeconds(3600), null, null, null, null, null, null, null, null));
    }

    private SignedRequest signed(SessionClaims claims) {
        SignedRequest request = new SignedRequest("GET", "/notes/a", "", new RequestHeaders().add("Host", "notes.example"), new byte[0]);
        SigV4Signer.sign(request, claims.accessKeyId(), "secret", issuer.seal(claims), "us-east-1", "notes", NOW);
        return request;
    }

    private static Verdict decide(LocalAuthorizer authorizer, SignedRequest request, String action) {
        return authorizer.verify(request, action, NOTE, "192.0.2.1", Map.of());
    }

    @Test
    void verifyWhenRolePolicyAllowsThenAllowedAndOtherActionsNot() throws Exception {
        role("AROAREADER");
        SignedRequest request = request(NOW.minusSeconds(60));
        assertThat(decide(authorizer(Duration.ZERO, true), request, "notes:GetNote")).isEqualTo(new Verdict(true, SESSION, "allowed"));
        assertThat(decide(authorizer(Duration.ZERO, true), request, "notes:DeleteNote").reason()).startsWith("no policy allows");
    }

    @Test
    void verifyWhenPolicyAllowsOnlyOverSecureTransportThenAllowedOverTlsAndNotOverPlainHttp() throws Exception {
        role("AROAREADER", """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"notes:GetNote","Resource":"*",
                 "Condition":{"Bool":{"aws:SecureTransport":"true"}}}}""");
        SignedRequest request = request(NOW.minusSeconds(60));
        LocalAuthorizer authorizer = authorizer(Duration.ZERO, true);

        Verdict overTls = authorizer.verify(request, "notes:GetNote", NOTE, "192.0.2.1", true, Map.of());
        Verdict overPlainHttp = authorizer.verify(request, "notes:GetNote", NOTE, "192.0.2.1", false, Map.of());

        assertThat(overTls.allowed()).isTrue();
        assertThat(overPlainHttp.allowed()).isFalse();
    }

    @Test
    void verifyWhenFeedsStaleThenRefusedUnlessFailOpen() throws Exception {
        role("AROAREADER");
        SignedRequest request = request(NOW.minusSeconds(60));
        assertThat(decide(authorizer(Duration.ofSeconds(90), true), request, "notes:GetNote").reason()).contains("90 seconds old");
        assertThat(decide(authorizer(Duration.ofSeconds(90), false), request, "notes:GetNote").allowed()).isTrue();
    }

    @Test
    void verifyWhenRevokedOrRoleRecreatedOrSignatureWrongThenRefused() throws Exception {
        role("AROAREADER");
        SignedRequest request = request(NOW.minusSeconds(60));
        revocations.put(new RevocationRule("rr-1", ACCOUNT, RevocationRule.Scope.ROLE, ROLE, NOW, NOW, "arn:aws:iam::" + ACCOUNT + ":root",
                "drill", NOW.plusSeconds(3600), RevocationRule.Kind.REVOKE));
        assertThat(decide(authorizer(Duration.ZERO, true), request, "notes:GetNote").reason()).isEqualTo("revoked by rule rr-1");
        revocations.remove("rr-1");
        role("AROANEWROLE");
        assertThat(decide(authorizer(Duration.ZERO, true), request, "notes:GetNote").reason()).contains("no longer exists");
        SignedRequest tampered = new SignedRequest("GET", "/notes/b", "", request.headers(), new byte[0]);
        assertThat(decide(authorizer(Duration.ZERO, true), tampered, "notes:GetNote").allowed()).isFalse();
    }

    @Test
    void verifyWhenARuleNamesTheLongTermKeyThatStartedTheSessionThenRefused() throws Exception {
        role("AROAREADER");
        String key = dev.mayfly.contract.AccessKeyIds.LONG_TERM_PREFIX + dev.mayfly.contract.AccessKeyIds.encodedAccount(ACCOUNT) + "LEAKED22";
        SignedRequest started = request(NOW.minusSeconds(60), key);
        revocations.put(new RevocationRule("rr-key", ACCOUNT, RevocationRule.Scope.ACCESS_KEY, key, NOW, NOW,
                "arn:aws:iam::" + ACCOUNT + ":root", "key leaked", NOW.plusSeconds(3600), RevocationRule.Kind.REVOKE));
        assertThat(decide(authorizer(Duration.ZERO, true), started, "notes:GetNote").reason()).isEqualTo("revoked by rule rr-key");
        assertThat(decide(authorizer(Duration.ZERO, true), request(NOW.minusSeconds(60)), "notes:GetNote").allowed())
                .as("a session no key started").isTrue();
    }

    private static final String READ_NOTES_AS_PLATFORM = """
            {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"notes:GetNote","Resource":"*",
             "Condition":{"StringEquals":{"aws:PrincipalTag/team":"platform"}}}}""";

    @Test
    void verifyWhenTheRolesTagsChangeOnThePolicyFeedThenTheSessionsNextRequestSeesThem() throws Exception {
        role("AROAREADER", READ_NOTES_AS_PLATFORM, Map.of("team", "platform"));
        SignedRequest request = request(NOW.minusSeconds(60));
        LocalAuthorizer authorizer = authorizer(Duration.ZERO, true);

        Verdict before = decide(authorizer, request, "notes:GetNote");
        role("AROAREADER", READ_NOTES_AS_PLATFORM, Map.of("team", "finance"));
        Verdict afterTheChange = decide(authorizer, request, "notes:GetNote");
        role("AROAREADER", READ_NOTES_AS_PLATFORM, Map.of("team", "platform"));
        Verdict afterTheChangeBack = decide(authorizer, request, "notes:GetNote");

        assertThat(before.allowed()).isTrue();
        assertThat(afterTheChange.allowed()).as("the principal's keys are not kept past a new snapshot of its role").isFalse();
        assertThat(afterTheChangeBack.allowed()).isTrue();
    }

    @Test
    void verifyWhenTheSessionIsTaggedThenItsTagsOverrideTheRolesWithoutRegardToCase() throws Exception {
        role("AROAREADER", READ_NOTES_AS_PLATFORM, Map.of("team", "finance"));
        SignedRequest tagged = signed(new SessionClaims("ASIAEXAMPLEEXAMPLE03", "secret", ACCOUNT, SessionClaims.PrincipalType.ASSUMED_ROLE,
                SESSION, "AROAREADER:s1", ROLE, NOW.minusSeconds(60), NOW.plusSeconds(3600), null, null, null, Map.of("TEAM", "platform"),
                null, null, null, null));
        LocalAuthorizer authorizer = authorizer(Duration.ZERO, true);

        Verdict verdict = authorizer.verify(tagged, "notes:GetNote", NOTE, "192.0.2.1", Map.of());

        assertThat(verdict.allowed()).isTrue();
    }

    /** A resource-based policy of the other account's note that lets the principal it names read it. */
    private static PolicyDocument grantingReadTo(String principal) {
        return PolicyDocument.parse("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"notes:GetNote",
                 "Resource":"%s"}}""".formatted(principal, UNOWNED_NOTE));
    }

    private static Verdict read(LocalAuthorizer authorizer, SignedRequest request, Resource resource) {
        return authorizer.verify(request, "notes:GetNote", resource, "192.0.2.1", true, Map.of());
    }

    @Test
    void verifyWhenArnNamesNoAccountAndTheOwnerIsNotSaidThenRefused() throws Exception {
        role("AROAREADER");
        SignedRequest request = request(NOW.minusSeconds(60));

        Verdict unsaid = authorizer(Duration.ZERO, true).verify(request, "notes:GetNote", UNOWNED_NOTE, "192.0.2.1", Map.of());
        Verdict said = read(authorizer(Duration.ZERO, true), request, new Resource(UNOWNED_NOTE, ACCOUNT, null));

        assertThat(unsaid.allowed()).isFalse();
        assertThat(unsaid.reason()).contains("the account that owns the resource is unknown");
        assertThat(said.allowed()).isTrue();
    }

    @Test
    void verifyWhenRootSessionActsOnAnotherAccountsResourceThenRefusedUnlessItsResourcePolicyGrantsTheAccount() throws Exception {
        SignedRequest request = rootSessionRequest();
        LocalAuthorizer authorizer = authorizer(Duration.ZERO, true);

        Verdict own = read(authorizer, request, new Resource(UNOWNED_NOTE, ACCOUNT, null));
        Verdict others = read(authorizer, request, new Resource(UNOWNED_NOTE, OTHER_ACCOUNT, null));
        Verdict othersGrantingARole = read(authorizer, request, new Resource(UNOWNED_NOTE, OTHER_ACCOUNT, grantingReadTo(ROLE)));
        Verdict othersGrantingTheAccount = read(authorizer, request,
                new Resource(UNOWNED_NOTE, OTHER_ACCOUNT, grantingReadTo("arn:aws:iam::" + ACCOUNT + ":root")));

        assertThat(own.allowed()).as("the root of its own account").isTrue();
        assertThat(others.allowed()).isFalse();
        assertThat(others.reason()).contains("another account's and no resource-based policy allows");
        assertThat(othersGrantingARole.allowed()).as("a grant to a role is not one to the root").isFalse();
        assertThat(othersGrantingTheAccount.allowed()).isTrue();
    }

    @Test
    void verifyWhenSessionAllowedOnEveryResourceActsOnAnotherAccountsThenRefusedUnlessItsResourcePolicyGrantsIt() throws Exception {
        role("AROAREADER");
        SignedRequest request = request(NOW.minusSeconds(60));
        LocalAuthorizer authorizer = authorizer(Duration.ZERO, true);

        Verdict others = read(authorizer, request, new Resource(UNOWNED_NOTE, OTHER_ACCOUNT, null));
        Verdict othersGrantingTheRole = read(authorizer, request, new Resource(UNOWNED_NOTE, OTHER_ACCOUNT, grantingReadTo(ROLE)));
        Verdict othersGrantingAnotherRole = read(authorizer, request,
                new Resource(UNOWNED_NOTE, OTHER_ACCOUNT, grantingReadTo("arn:aws:iam::" + ACCOUNT + ":role/writer")));
        Verdict byArnOfTheOtherAccount = authorizer.verify(request, "notes:GetNote", NOTE.replace(ACCOUNT, OTHER_ACCOUNT), "192.0.2.1",
                Map.of());

        assertThat(others.allowed()).as("Resource * in its own policy does not reach into another account").isFalse();
        assertThat(othersGrantingTheRole.allowed()).isTrue();
        assertThat(othersGrantingAnotherRole.allowed()).isFalse();
        assertThat(byArnOfTheOtherAccount.allowed()).as("an ARN naming the other account").isFalse();
    }

    @Test
    void verifyWhenResourcePolicyDeniesExplicitlyThenRefusedEvenInTheSessionsOwnAccount() throws Exception {
        role("AROAREADER");
        PolicyDocument denying = PolicyDocument.parse("""
                {"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"notes:*","Resource":"*"}}""");

        Verdict verdict = read(authorizer(Duration.ZERO, true), request(NOW.minusSeconds(60)), new Resource(UNOWNED_NOTE, ACCOUNT, denying));

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.reason()).isEqualTo("explicitly denied by a policy");
    }
}
