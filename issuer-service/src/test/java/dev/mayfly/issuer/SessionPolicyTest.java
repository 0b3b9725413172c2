package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static dev.mayfly.issuer.IssuerFixture.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sts.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.sts.model.PackedPolicyTooLargeException;

/** AssumeRole's inline session policy: the session may do only what both the role's policies and it allow. */
class SessionPolicyTest {

    private static IssuerFixture.UserAndRole admin;

    @BeforeAll
    static void roleThatMayDoAnyIamAction() {
        NewAccount account = IssuerFixture.newAccount("session-policy");
        admin = IssuerFixture.userWhoMayAssume(account, "sp-user", "iam-admin");
        iam(root(account)).putRolePolicy(r -> r.roleName("iam-admin").policyName("all-iam").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:*","Resource":"*"}}"""));
    }

    private static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    @Test
    void assumeRoleWhenSessionPolicyNarrowerThenSessionMayOnlyDoWhatBothAllow() {
        var assumed = sts(admin.user()).assumeRole(r -> r.roleArn(admin.roleArn()).roleSessionName("read-only").policy("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:GetRole","Resource":"*"}}"""));
        assertThat(assumed.packedPolicySize()).isBetween(1, 100);
        var narrowed = iam(credentials(assumed.credentials()));
        assertThat(narrowed.getRole(r -> r.roleName("iam-admin")).role().roleName()).isEqualTo("iam-admin");
        assertThatThrownBy(() -> narrowed.createUser(r -> r.userName("not-allowed")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));

        var unbounded = sts(admin.user()).assumeRole(r -> r.roleArn(admin.roleArn()).roleSessionName("full")).credentials();
        assertThat(iam(credentials(unbounded)).createUser(r -> r.userName("allowed")).user().userName()).isEqualTo("allowed");
    }

    @Test
    void assumeRoleWhenSessionPolicyDeniesThenDeniedEvenWhereRoleAllows() {
        var assumed = sts(admin.user()).assumeRole(r -> r.roleArn(admin.roleArn()).roleSessionName("no-get").policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"},
                 {"Effect":"Deny","Action":"iam:GetRole","Resource":"*"}]}"""));
        assertThatThrownBy(() -> iam(credentials(assumed.credentials())).getRole(r -> r.roleName("iam-admin")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    }

    @Test
    void assumeRoleWhenSessionPolicyMalformedOrTooLargeThenRefused() {
        assertThatThrownBy(() -> sts(admin.user()).assumeRole(r -> r.roleArn(admin.roleArn()).roleSessionName("bad").policy("{nope")))
                .isInstanceOf(MalformedPolicyDocumentException.class);
        String huge = """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:GetRole","Resource":"arn:aws:iam::*:role/%s"}}"""
                .formatted("x".repeat(2100));
        assertThatThrownBy(() -> sts(admin.user()).assumeRole(r -> r.roleArn(admin.roleArn()).roleSessionName("big").policy(huge)))
                .isInstanceOf(PackedPolicyTooLargeException.class);
    }

    @Test
    void assumeRoleWhenTrustPolicyNamesTheCallersRoleThenSessionPoliciesStillBoundItAndNamingTheSessionThenNot() {
        NewAccount account = IssuerFixture.newAccount("session-policy-chaining");
        var dev = IssuerFixture.userWhoMayAssume(account, "dev", "first");
        var rootIam = iam(root(account));
        rootIam.putUserPolicy(r -> r.userName("dev").policyName("assume").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}}"""));
        String firstArn = dev.roleArn();
        String secondArn = rootIam.createRole(r -> r.roleName("second").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":["%s","arn:aws:sts::%s:assumed-role/first/named"]},
                 "Action":"sts:AssumeRole"}}""".formatted(firstArn, account.accountId()))).role().arn();
        String listRolesOnly = """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*"}}""";

        var plain = sts(dev.user()).assumeRole(r -> r.roleArn(firstArn).roleSessionName("plain")).credentials();
        assertThat(sts(credentials(plain)).assumeRole(r -> r.roleArn(secondArn).roleSessionName("s2")).credentials())
                .as("a trust policy naming the role needs no identity policy of it").isNotNull();

        var bounded = sts(dev.user()).assumeRole(r -> r.roleArn(firstArn).roleSessionName("bounded").policy(listRolesOnly)).credentials();
        assertThatThrownBy(() -> sts(credentials(bounded)).assumeRole(r -> r.roleArn(secondArn).roleSessionName("s2")))
                .as("but stays within the session's policies").satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));

        var named = sts(dev.user()).assumeRole(r -> r.roleArn(firstArn).roleSessionName("named").policy(listRolesOnly)).credentials();
        assertThat(sts(credentials(named)).assumeRole(r -> r.roleArn(secondArn).roleSessionName("s2")).credentials())
                .as("a trust policy naming the session itself is not bounded by its session policies").isNotNull();
    }
}
