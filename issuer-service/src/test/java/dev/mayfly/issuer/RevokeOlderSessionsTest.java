package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static dev.mayfly.issuer.IssuerFixture.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The AWS way to revoke a role's sessions: the inline policy AWSRevokeOlderSessions (Deny *, DateLessThan
 * aws:TokenIssueTime) that the IAM console puts on the role. Sessions issued before the time are refused everything
 * but GetCallerIdentity; sessions issued after work.
 */
class RevokeOlderSessionsTest {

    private static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    @Test
    void revokeOlderSessionsPolicyWhenPutOnTheRoleThenOlderSessionsRefusedAndNewerOnesWork() throws Exception {
        NewAccount account = IssuerFixture.newAccount("revoke-older");
        var dev = IssuerFixture.userWhoMayAssume(account, "dev", "ops");
        var rootIam = iam(root(account));
        rootIam.putUserPolicy(r -> r.userName("dev").policyName("assume").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}}"""));
        rootIam.putRolePolicy(r -> r.roleName("ops").policyName("read").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*"}}"""));
        var older = credentials(sts(dev.user()).assumeRole(r -> r.roleArn(dev.roleArn()).roleSessionName("older")).credentials());
        assertThat(iam(older).listRoles().roles()).isNotEmpty();

        Thread.sleep(5);
        String cutoff = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        rootIam.putRolePolicy(r -> r.roleName("ops").policyName("AWSRevokeOlderSessions").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["*"],"Resource":["*"],
                 "Condition":{"DateLessThan":{"aws:TokenIssueTime":"%s"}}}]}""".formatted(cutoff)));
        Thread.sleep(5);

        assertThatThrownBy(() -> iam(older).listRoles()).satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        assertThat(sts(older).getCallerIdentity().arn()).as("GetCallerIdentity needs no permission").endsWith(":assumed-role/ops/older");
        var newer = credentials(sts(dev.user()).assumeRole(r -> r.roleArn(dev.roleArn()).roleSessionName("newer")).credentials());
        assertThat(iam(newer).listRoles().roles()).isNotEmpty();
    }
}
