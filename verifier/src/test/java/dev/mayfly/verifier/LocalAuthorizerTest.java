package dev.mayfly.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.Json;
import dev.mayfly.contract.PolicySnapshot;
import dev.mayfly.contract.PolicySnapshot.LabeledPolicy;
import dev.mayfly.contract.RevocationRule;
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
        policies.apply(ROLE, Json.mapper().writeValueAsBytes(new PolicySnapshot(ROLE, ACCOUNT, PolicySnapshot.Kind.ROLE, id, Map.of(),
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
        SessionClaims claims = new SessionClaims("ASIAEXAMPLEEXAMPLE01", "secret", ACCOUNT, SessionClaims.PrincipalType.ASSUMED_ROLE, SESSION,
                "AROAREADER:s1", ROLE, issuedAt, issuedAt.plusSeconds(3600), null, null, null, null, null, null, null, sourceAccessKeyId);
        SignedRequest request = new SignedRequest("GET", "/notes/a", "", new RequestHeaders().add("Host", "notes.example"), new byte[0]);
        SigV4Signer.sign(request, claims.accessKeyId(), "secret", issuer.seal(claims), "us-east-1", "notes", NOW);
        return request;
    }

    private static Verdict decide(LocalAuthorizer authorizer, SignedRequest request, String action) {
        return authorizer.verify(request, action, "arn:aws:notes:::note/a", "192.0.2.1", Map.of());
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

        Verdict overTls = authorizer.verify(request, "notes:GetNote", "arn:aws:notes:::note/a", "192.0.2.1", true, Map.of());
        Verdict overPlainHttp = authorizer.verify(request, "notes:GetNote", "arn:aws:notes:::note/a", "192.0.2.1", false, Map.of());

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
}
