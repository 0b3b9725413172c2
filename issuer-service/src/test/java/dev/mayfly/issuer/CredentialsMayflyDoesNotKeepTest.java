package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * A user's console password, SSH keys, signing certificates and service-specific credentials, which Mayfly does not
 * keep: answered as IAM answers for a user who has none, NoSuchEntity for a user who does not exist, AccessDenied for
 * a caller who may not ask.
 */
class CredentialsMayflyDoesNotKeepTest {

    private static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    @Test
    void loginProfileWhenUserExistsThenNoSuchLoginProfileAndWhenNotThenNoSuchUser() {
        IamClient rootIam = iam(root(IssuerFixture.newAccount("login-profile")));
        rootIam.createUser(r -> r.userName("console-less"));
        assertThatThrownBy(() -> rootIam.getLoginProfile(r -> r.userName("console-less")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"))
                .hasMessageContaining("Login Profile for User console-less cannot be found.");
        assertThatThrownBy(() -> rootIam.deleteLoginProfile(r -> r.userName("console-less")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"))
                .hasMessageContaining("Login Profile for User console-less cannot be found.");
        assertThatThrownBy(() -> rootIam.getLoginProfile(r -> r.userName("ghost")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"))
                .hasMessageContaining("The user with name ghost cannot be found.");
        assertThatThrownBy(() -> rootIam.getLoginProfile(r -> r.userName("bad/name")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
    }

    @Test
    void credentialListsWhenUserExistsThenEmptyAndWhenNotThenNoSuchEntity() {
        IamClient rootIam = iam(root(IssuerFixture.newAccount("credential-lists")));
        rootIam.createUser(r -> r.userName("plain"));
        assertThat(rootIam.listSSHPublicKeys(r -> r.userName("plain")).sshPublicKeys()).isEmpty();
        assertThat(rootIam.listSSHPublicKeys(r -> r.userName("plain")).isTruncated()).isFalse();
        assertThat(rootIam.listSigningCertificates(r -> r.userName("plain")).certificates()).isEmpty();
        assertThat(rootIam.listServiceSpecificCredentials(r -> r.userName("plain")).serviceSpecificCredentials()).isEmpty();
        for (Runnable call : List.<Runnable>of(
                () -> rootIam.listSSHPublicKeys(r -> r.userName("ghost")),
                () -> rootIam.listSigningCertificates(r -> r.userName("ghost")),
                () -> rootIam.listServiceSpecificCredentials(r -> r.userName("ghost")))) {
            assertThatThrownBy(call::run).satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
        }
        assertThatThrownBy(() -> rootIam.listSSHPublicKeys(r -> r.userName("plain").maxItems(0)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
    }

    @Test
    void credentialListsWhenOtherTenantOrUnauthorizedCallerThenNothingTold() {
        NewAccount owner = IssuerFixture.newAccount("credential-owner");
        IamClient ownerIam = iam(root(owner));
        ownerIam.createUser(r -> r.userName("private-user"));
        ownerIam.createUser(r -> r.userName("nosy"));
        var key = ownerIam.createAccessKey(r -> r.userName("nosy")).accessKey();
        IamClient nosy = iam(credentials(key.accessKeyId(), key.secretAccessKey()));
        IamClient other = iam(root(IssuerFixture.newAccount("credential-other")));

        assertThatThrownBy(() -> other.listSSHPublicKeys(r -> r.userName("private-user")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
        assertThatThrownBy(() -> nosy.listSigningCertificates(r -> r.userName("private-user")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> nosy.getLoginProfile(r -> r.userName("ghost")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        ownerIam.putUserPolicy(r -> r.userName("nosy").policyName("self").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListSSHPublicKeys","Resource":"arn:aws:iam::%s:user/${aws:username}"}}"""
                .formatted(owner.accountId())));
        assertThat(nosy.listSSHPublicKeys(r -> { }).sshPublicKeys()).isEmpty();
    }

    @Test
    void updateRoleDescriptionWhenCalledThenDescriptionChangedAndRoleAnswered() {
        IamClient rootIam = iam(root(IssuerFixture.newAccount("role-description")));
        rootIam.createRole(r -> r.roleName("described").description("before").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}"""));
        assertThat(rootIam.updateRoleDescription(r -> r.roleName("described").description("after")).role().description()).isEqualTo("after");
        assertThat(rootIam.getRole(r -> r.roleName("described")).role().description()).isEqualTo("after");
        assertThatThrownBy(() -> rootIam.updateRoleDescription(r -> r.roleName("ghost").description("x")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NoSuchEntity"));
    }
}
