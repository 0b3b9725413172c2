package dev.mayfly.issuer.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.PolicyEvents.PolicyCreated;
import dev.mayfly.issuer.api.PolicyRef;
import dev.mayfly.issuer.api.UserEvents.UserCreated;
import dev.mayfly.issuer.api.UserEvents.UserPolicyPut;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.policy.Decision;
import dev.mayfly.revocationfeed.RevocationIndex;
import dev.mayfly.token.SessionClaims;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the issuer decides: for federated users, the issuing user's policies bounded by the session policy; for anyone,
 * nothing on another account's entities (the tenant boundary: IAM entities have no resource-based policy to grant it).
 */
class AuthorizerTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final AccountId ACCOUNT = AccountId.of("111122223333");
    private static final UserRef ALICE = new UserRef(ACCOUNT, "alice");
    private static final String ALICE_ARN = "arn:aws:iam::111122223333:user/alice";

    private static final PolicyRef GET_ONLY = new PolicyRef(ACCOUNT, "get-only");
    private static final String GET_ONLY_ARN = "arn:aws:iam::111122223333:policy/get-only";

    /** An authorizer whose revocation rules are as old as given, against a bound of 30 seconds. */
    private static Authorizer authorizer(IdentityDirectory directory, java.time.Duration rulesAge, boolean failClosed) {
        Instant now = Instant.now();
        return new Authorizer(directory, new RevocationIndex(), new AuthorizationMessages(new dev.mayfly.token.Aead(
                dev.mayfly.token.KeyRing.parse(dev.mayfly.token.KeyRing.newKeyLine("k1")))),
                new dev.mayfly.revocationfeed.Freshness(() -> now.minus(rulesAge), java.time.Duration.ofSeconds(30), failClosed),
                java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
    }

    private static Authorizer authorizer() {
        IdentityDirectory directory = new IdentityDirectory();
        directory.apply(new UserCreated(ALICE, "/", "AIDAALICE", ALICE_ARN, T));
        directory.apply(new UserPolicyPut(ALICE, "s3", """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"}}"""));
        directory.apply(new PolicyCreated(GET_ONLY, "/", "ANPAGETONLY", GET_ONLY_ARN, """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""", null, T));
        return authorizer(directory, java.time.Duration.ZERO, true);
    }

    private static Caller federated(String issuerArn, String sessionPolicy) {
        return federated(issuerArn, sessionPolicy, null);
    }

    private static Caller federated(String issuerArn, String sessionPolicy, java.util.List<String> policyArns) {
        SessionClaims claims = new SessionClaims("ASIAFEDERATED0000001", "secret", ACCOUNT.value(), SessionClaims.PrincipalType.FEDERATED_USER,
                "arn:aws:sts::111122223333:federated-user/bob", "111122223333:bob", issuerArn, T, T.plusSeconds(3600), null, sessionPolicy,
                policyArns, null, null, null);
        return new Caller(Caller.Type.FEDERATED_USER, ACCOUNT, claims.principalArn(), claims.principalId(), claims.accessKeyId(), null, claims, java.util.Map.of());
    }

    private static Decision decide(Caller caller, String action) {
        return authorizer().decide(caller, action, Authorizer.issuerResource(caller, "arn:aws:s3:::bucket/key"), Map.of()).decision();
    }

    private static Caller root(AccountId account) {
        return new Caller(Caller.Type.ROOT, account, "arn:aws:iam::" + account.value() + ":root", account.value(), "AKIAROOT", null, null,
                java.util.Map.of());
    }

    @Test
    void decideWhenFederatedWithoutSessionPolicyThenNothingAllowed() {
        assertThat(decide(federated(ALICE_ARN, null), "s3:GetObject")).isEqualTo(Decision.NOT_APPLICABLE);
    }

    @Test
    void decideWhenFederatedThenIssuersPoliciesBoundedBySessionPolicy() {
        Caller bob = federated(ALICE_ARN, """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:GetObject","s3:DeleteObject"],"Resource":"*"}}""");
        assertThat(decide(bob, "s3:GetObject")).isEqualTo(Decision.ALLOW);
        assertThat(decide(bob, "s3:PutObject")).as("allowed by alice, not by the session policy").isEqualTo(Decision.NOT_APPLICABLE);
        assertThat(decide(bob, "s3:DeleteObject")).as("allowed by the session policy, not by alice").isEqualTo(Decision.NOT_APPLICABLE);
    }

    @Test
    void decideWhenFederatedByRootThenSessionPolicyAloneDecides() {
        Caller bob = federated("arn:aws:iam::111122223333:root", """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:DeleteObject","Resource":"*"}}""");
        assertThat(decide(bob, "s3:DeleteObject")).isEqualTo(Decision.ALLOW);
        assertThat(decide(bob, "s3:GetObject")).isEqualTo(Decision.NOT_APPLICABLE);
    }

    @Test
    void decideWhenManagedSessionPoliciesThenTheyBoundLikeAnInlineOneAndAMissingOneAllowsNothing() {
        Caller bob = federated(ALICE_ARN, null, java.util.List.of(GET_ONLY_ARN));
        assertThat(decide(bob, "s3:GetObject")).isEqualTo(Decision.ALLOW);
        assertThat(decide(bob, "s3:PutObject")).isEqualTo(Decision.NOT_APPLICABLE);
        Caller carl = federated(ALICE_ARN, """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}}""",
                java.util.List.of(GET_ONLY_ARN));
        assertThat(decide(carl, "s3:PutObject")).as("either session policy may allow").isEqualTo(Decision.ALLOW);
        assertThat(decide(carl, "s3:GetObject")).isEqualTo(Decision.ALLOW);
        Caller dana = federated(ALICE_ARN, null, java.util.List.of("arn:aws:iam::111122223333:policy/deleted"));
        assertThat(decide(dana, "s3:GetObject")).isEqualTo(Decision.NOT_APPLICABLE);
    }

    @Test
    void authorizeWhenRootOfAnotherAccountNamesThisAccountsEntityThenAccessDeniedByTheTenantBoundary() {
        Caller otherRoot = root(AccountId.of("444455556666"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> authorizer().authorize(otherRoot, "iam:GetPolicy", GET_ONLY_ARN, Map.of()))
                .isInstanceOfSatisfying(dev.mayfly.runtime.AwsServiceException.class, e -> assertThat(e.code()).isEqualTo("AccessDenied"))
                .hasMessageContaining("because no resource-based policy allows the iam:GetPolicy action");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> authorizer().authorize(otherRoot, "iam:DeleteUser", ALICE_ARN, Map.of()))
                .hasMessageContaining("because no resource-based policy allows the iam:DeleteUser action");
        authorizer().authorize(root(ACCOUNT), "iam:GetPolicy", GET_ONLY_ARN, Map.of());
        authorizer().authorize(otherRoot, "iam:ListPolicies", "*", Map.of());
    }

    @Test
    void authorizeWhenUserAllowedEverythingNamesAnotherAccountsEntityThenAccessDenied() {
        IdentityDirectory directory = new IdentityDirectory();
        directory.apply(new UserCreated(ALICE, "/", "AIDAALICE", ALICE_ARN, T));
        directory.apply(new UserPolicyPut(ALICE, "admin", """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"""));
        Authorizer authorizer = authorizer(directory, java.time.Duration.ZERO, true);
        Caller alice = new Caller(Caller.Type.IAM_USER, ACCOUNT, ALICE_ARN, "AIDAALICE", "AKIAALICE", "alice", null, java.util.Map.of());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> authorizer.authorize(alice, "iam:GetRole",
                "arn:aws:iam::444455556666:role/admin", Map.of())).hasMessageContaining("because no resource-based policy allows");
        authorizer.authorize(alice, "iam:GetRole", "arn:aws:iam::111122223333:role/admin", Map.of());
    }

    @Test
    void refuseRevokedWhenRulesAreStaleThenSessionsRefusedUnlessFailOpenAndLongTermKeysUnaffected() {
        Caller bob = federated(ALICE_ARN, null);
        Authorizer stale = authorizer(new IdentityDirectory(), java.time.Duration.ofSeconds(90), true);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stale.refuseRevoked(bob, "sts:GetCallerIdentity", "*"))
                .isInstanceOf(dev.mayfly.runtime.AwsServiceException.class).hasMessageContaining("90 seconds old");
        authorizer(new IdentityDirectory(), java.time.Duration.ofSeconds(90), false).refuseRevoked(bob, "sts:GetCallerIdentity", "*");
        authorizer(new IdentityDirectory(), java.time.Duration.ofSeconds(10), true).refuseRevoked(bob, "sts:GetCallerIdentity", "*");
        Caller longTerm = new Caller(Caller.Type.IAM_USER, ACCOUNT, ALICE_ARN, "AIDAALICE", "AKIAALICE", "alice", null, java.util.Map.of());
        stale.refuseRevoked(longTerm, "iam:GetUser", "*");
    }

    @Test
    void refuseQuarantinedWhenRulesAreStaleThenNoSessionIssuedUnlessFailOpen() {
        java.util.List<String> asking = java.util.List.of(ALICE_ARN);
        Authorizer stale = authorizer(new IdentityDirectory(), java.time.Duration.ofSeconds(90), true);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stale.refuseQuarantined(ACCOUNT.value(), asking, "sts:GetSessionToken", ALICE_ARN))
                .isInstanceOfSatisfying(dev.mayfly.runtime.AwsServiceException.class,
                        e -> assertThat(e.code()).isEqualTo("ServiceUnavailable"))
                .hasMessageContaining("90 seconds old");
        authorizer(new IdentityDirectory(), java.time.Duration.ofSeconds(90), false).refuseQuarantined(ACCOUNT.value(), asking,
                "sts:GetSessionToken", ALICE_ARN);
        authorizer(new IdentityDirectory(), java.time.Duration.ofSeconds(10), true).refuseQuarantined(ACCOUNT.value(), asking,
                "sts:GetSessionToken", ALICE_ARN);
    }

    @Test
    void refuseMovingQuarantinedWhenAQuarantineNamesTheUserThenAccessDeniedUntilItEnds() {
        RevocationIndex rules = new RevocationIndex();
        Instant now = Instant.now();
        Authorizer authorizer = new Authorizer(new IdentityDirectory(), rules, new AuthorizationMessages(new dev.mayfly.token.Aead(
                dev.mayfly.token.KeyRing.parse(dev.mayfly.token.KeyRing.newKeyLine("k1")))),
                new dev.mayfly.revocationfeed.Freshness(() -> now, java.time.Duration.ofSeconds(30), true),
                java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
        authorizer.refuseMovingQuarantined(ACCOUNT.value(), ALICE_ARN, "iam:UpdateUser");

        rules.put(new dev.mayfly.contract.RevocationRule("rr-hold", ACCOUNT.value(),
                dev.mayfly.contract.RevocationRule.Scope.PRINCIPAL, ALICE_ARN, now.plusSeconds(600), now, "ops", "incident", null,
                dev.mayfly.contract.RevocationRule.Kind.QUARANTINE));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> authorizer.refuseMovingQuarantined(ACCOUNT.value(), ALICE_ARN, "iam:UpdateUser"))
                .isInstanceOf(dev.mayfly.runtime.AwsServiceException.class).hasMessageContaining("rr-hold")
                .hasMessageContaining("its name and path stay as they are");
        authorizer.refuseMovingQuarantined(ACCOUNT.value(), "arn:aws:iam::111122223333:user/bob", "iam:UpdateUser");
    }
}
