package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static dev.mayfly.issuer.IssuerFixture.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/** Customer-managed policies through the AWS SDK: attached to users, groups and roles, versioned, and counted in decisions. */
class ManagedPoliciesTest {

    private static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    private static String allowAssume(String roleArn) {
        return """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"%s"}}""".formatted(roleArn);
    }

    @Test
    void managedPolicyWhenAttachedToUserOrGroupThenCountsAndWhenDetachedThenNot() {
        NewAccount account = IssuerFixture.newAccount("managed");
        var dev = IssuerFixture.userWhoMayAssume(account, "devon", "app");
        IamClient rootIam = iam(root(account));
        rootIam.updateAssumeRolePolicy(r -> r.roleName("app").policyDocument("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}}""".formatted(account.accountId())));
        String policyArn = rootIam.createPolicy(r -> r.policyName("assume-app").policyDocument(allowAssume(dev.roleArn()))).policy().arn();
        assertThat(policyArn).isEqualTo("arn:aws:iam::" + account.accountId() + ":policy/assume-app");
        assertThatThrownBy(() -> sts(dev.user()).assumeRole(r -> r.roleArn(dev.roleArn()).roleSessionName("s1")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));

        rootIam.attachUserPolicy(r -> r.userName("devon").policyArn(policyArn));
        assertThat(sts(dev.user()).assumeRole(r -> r.roleArn(dev.roleArn()).roleSessionName("s1")).credentials()).isNotNull();
        assertThat(rootIam.listAttachedUserPolicies(r -> r.userName("devon")).attachedPolicies())
                .extracting(AttachedPolicy::policyArn).containsExactly(policyArn);
        assertThat(rootIam.getPolicy(r -> r.policyArn(policyArn)).policy().attachmentCount()).isEqualTo(1);
        rootIam.detachUserPolicy(r -> r.userName("devon").policyArn(policyArn));
        assertThatThrownBy(() -> sts(dev.user()).assumeRole(r -> r.roleArn(dev.roleArn()).roleSessionName("s2")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));

        rootIam.createGroup(r -> r.groupName("devs"));
        rootIam.addUserToGroup(r -> r.groupName("devs").userName("devon"));
        rootIam.attachGroupPolicy(r -> r.groupName("devs").policyArn(policyArn));
        assertThat(sts(dev.user()).assumeRole(r -> r.roleArn(dev.roleArn()).roleSessionName("s3")).credentials()).isNotNull();
    }

    @Test
    void managedPolicyWhenNewDefaultVersionThenItDecides() {
        NewAccount account = IssuerFixture.newAccount("managed-versions");
        var ops = IssuerFixture.userWhoMayAssume(account, "ops", "ops-role");
        IamClient rootIam = iam(root(account));
        String policyArn = rootIam.createPolicy(r -> r.policyName("role-reader").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*"}}""")).policy().arn();
        rootIam.attachRolePolicy(r -> r.roleName("ops-role").policyArn(policyArn));
        var session = sts(ops.user()).assumeRole(r -> r.roleArn(ops.roleArn()).roleSessionName("s1")).credentials();
        assertThatThrownBy(() -> iam(credentials(session)).getRole(r -> r.roleName("ops-role")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));

        String v2 = """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["iam:ListRoles","iam:GetRole"],"Resource":"*"}}""";
        var version = rootIam.createPolicyVersion(r -> r.policyArn(policyArn).policyDocument(v2).setAsDefault(true)).policyVersion();
        assertThat(version.versionId()).isEqualTo("v2");
        assertThat(version.isDefaultVersion()).isTrue();
        assertThat(iam(credentials(session)).getRole(r -> r.roleName("ops-role")).role().roleName()).isEqualTo("ops-role");
        assertThat(rootIam.getPolicy(r -> r.policyArn(policyArn)).policy().defaultVersionId()).isEqualTo("v2");
        assertThat(URLDecoder.decode(rootIam.getPolicyVersion(r -> r.policyArn(policyArn).versionId("v2")).policyVersion().document(),
                StandardCharsets.UTF_8)).isEqualTo(v2);
        assertThat(rootIam.listAttachedRolePolicies(r -> r.roleName("ops-role")).attachedPolicies()).hasSize(1);
    }

    @Test
    void managedPoliciesWhenMisusedThenIamErrors() {
        NewAccount account = IssuerFixture.newAccount("managed-errors");
        NewAccount other = IssuerFixture.newAccount("managed-errors-other");
        IamClient rootIam = iam(root(account));
        String doc = """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""";
        String arn = rootIam.createPolicy(r -> r.policyName("p").policyDocument(doc)).policy().arn();
        assertThatThrownBy(() -> rootIam.createPolicy(r -> r.policyName("P").policyDocument(doc))).isInstanceOf(EntityAlreadyExistsException.class);
        for (int i = 0; i < 4; i++) {
            rootIam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(doc));
        }
        assertThatThrownBy(() -> rootIam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(doc))).isInstanceOf(LimitExceededException.class);
        assertThatThrownBy(() -> rootIam.getPolicyVersion(r -> r.policyArn(arn).versionId("v9"))).isInstanceOf(NoSuchEntityException.class);
        rootIam.createUser(r -> r.userName("u"));
        assertThatThrownBy(() -> iam(root(other)).getPolicy(r -> r.policyArn(arn))).as("another account's, behind the tenant boundary")
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> rootIam.attachUserPolicy(r -> r.userName("u").policyArn("arn:aws:iam::aws:policy/NoSuchAwsPolicy")))
                .isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> rootIam.attachUserPolicy(r -> r.userName("u").policyArn("not-an-arn-at-all-really")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> rootIam.detachUserPolicy(r -> r.userName("u").policyArn(arn))).isInstanceOf(NoSuchEntityException.class);
    }
}
