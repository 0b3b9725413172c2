package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static dev.mayfly.issuer.IssuerFixture.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/** Permissions boundaries through the AWS SDK: identity policies count only where the boundary allows too. */
class PermissionsBoundaryTest {

    private static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    private static String allow(String... actions) {
        return """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["%s"],"Resource":"*"}}""".formatted(String.join("\",\"", actions));
    }

    @Test
    void userBoundaryWhenSetThenOnlyWhatBothAllowAndWhenDeletedThenPoliciesAlone() {
        NewAccount account = IssuerFixture.newAccount("boundary-user");
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("delegate"));
        rootIam.putUserPolicy(r -> r.userName("delegate").policyName("all-iam").policyDocument(allow("iam:*")));
        var key = rootIam.createAccessKey(r -> r.userName("delegate")).accessKey();
        String boundary = rootIam.createPolicy(r -> r.policyName("read-users").policyDocument(allow("iam:GetUser"))).policy().arn();
        rootIam.putUserPermissionsBoundary(r -> r.userName("delegate").permissionsBoundary(boundary));
        IamClient delegate = iam(credentials(key.accessKeyId(), key.secretAccessKey()));

        assertThat(delegate.getUser(r -> r.userName("delegate")).user().permissionsBoundary().permissionsBoundaryArn()).isEqualTo(boundary);
        assertThat(delegate.getUser(r -> r.userName("delegate")).user().permissionsBoundary().permissionsBoundaryType())
                .isEqualTo(software.amazon.awssdk.services.iam.model.PermissionsBoundaryAttachmentType.PERMISSIONS_BOUNDARY_POLICY);
        assertThatThrownBy(() -> delegate.createUser(r -> r.userName("escalation")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));

        rootIam.deleteUserPermissionsBoundary(r -> r.userName("delegate"));
        assertThat(delegate.createUser(r -> r.userName("allowed-now")).user().userName()).isEqualTo("allowed-now");
    }

    @Test
    void roleBoundaryWhenSetAtCreationThenShownAndSessionsBounded() {
        NewAccount account = IssuerFixture.newAccount("boundary-role");
        IamClient rootIam = iam(root(account));
        String boundary = rootIam.createPolicy(r -> r.policyName("list-only").policyDocument(allow("iam:ListRoles", "sts:AssumeRole")))
                .policy().arn();
        rootIam.createUser(r -> r.userName("caller"));
        var key = rootIam.createAccessKey(r -> r.userName("caller")).accessKey();
        rootIam.createRole(r -> r.roleName("bounded").permissionsBoundary(boundary).assumeRolePolicyDocument("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:user/caller"},"Action":"sts:AssumeRole"}}"""
                .formatted(account.accountId())));
        rootIam.putRolePolicy(r -> r.roleName("bounded").policyName("read").policyDocument(allow("iam:ListRoles", "iam:GetRole")));
        assertThat(rootIam.getRole(r -> r.roleName("bounded")).role().permissionsBoundary().permissionsBoundaryArn()).isEqualTo(boundary);

        var session = sts(credentials(key.accessKeyId(), key.secretAccessKey()))
                .assumeRole(r -> r.roleArn("arn:aws:iam::" + account.accountId() + ":role/bounded").roleSessionName("b1")).credentials();
        assertThat(iam(credentials(session)).listRoles().roles()).isNotEmpty();
        assertThatThrownBy(() -> iam(credentials(session)).getRole(r -> r.roleName("bounded")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    }

    @Test
    void boundaryWhenPolicyMissingThenNoSuchEntity() {
        NewAccount account = IssuerFixture.newAccount("boundary-missing");
        IamClient rootIam = iam(root(account));
        rootIam.createUser(r -> r.userName("x1"));
        assertThatThrownBy(() -> rootIam.putUserPermissionsBoundary(r -> r.userName("x1")
                .permissionsBoundary("arn:aws:iam::" + account.accountId() + ":policy/none"))).isInstanceOf(NoSuchEntityException.class);
    }
}
