package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static dev.mayfly.issuer.IssuerFixture.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sts.model.Credentials;

/** GetSessionToken through the AWS SDK for Java v2: durations, identity of the credentials, and their limits. */
class GetSessionTokenTest {

    private static NewAccount account;
    private static IssuerFixture.UserAndRole user;

    @BeforeAll
    static void user() {
        account = IssuerFixture.newAccount("session-token");
        user = IssuerFixture.userWhoMayAssume(account, "dana", "ops");
    }

    private static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    private static Credentials session(AwsCredentials of) {
        return sts(of).getSessionToken().credentials();
    }

    @Test
    void getSessionTokenWhenUserThenTwelveHourCredentialsActingAsTheUser() {
        Instant before = Instant.now();
        Credentials session = session(user.user());
        assertThat(session.accessKeyId()).startsWith("ASIA");
        assertThat(session.expiration()).isBetween(before.plus(Duration.ofHours(12)).minusSeconds(5), Instant.now().plus(Duration.ofHours(12)));
        var identity = sts(credentials(session)).getCallerIdentity();
        assertThat(identity.arn()).isEqualTo("arn:aws:iam::" + account.accountId() + ":user/dana");
        assertThat(identity.userId()).startsWith("AIDA");
    }

    @Test
    void getSessionTokenWhenRootThenOneHour() {
        Instant before = Instant.now();
        Credentials session = session(root(account));
        assertThat(session.expiration()).isBetween(before.plusSeconds(3595), Instant.now().plusSeconds(3601));
        assertThat(sts(credentials(session)).getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + account.accountId() + ":root");
    }

    @Test
    void getSessionTokenWhenRootAsksForTwoHoursThenOneHour() {
        Instant before = Instant.now();
        Credentials session = sts(root(account)).getSessionToken(r -> r.durationSeconds(7200)).credentials();
        assertThat(session.expiration()).isBetween(before.plusSeconds(3595), Instant.now().plusSeconds(3601));
    }

    @Test
    void getSessionTokenWhenUserAsksForTwoHoursThenTwoHours() {
        Instant before = Instant.now();
        Credentials session = sts(user.user()).getSessionToken(r -> r.durationSeconds(7200)).credentials();
        assertThat(session.expiration()).isBetween(before.plusSeconds(7195), Instant.now().plusSeconds(7201));
    }

    @Test
    void getSessionTokenWhenRootAsksForMoreThanThirtySixHoursThenValidationError() {
        assertThatThrownBy(() -> sts(root(account)).getSessionToken(r -> r.durationSeconds(129_601)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
    }

    @Test
    void getSessionTokenWhenDurationOutOfRangeThenValidationError() {
        for (int duration : new int[] {899, 129_601}) {
            assertThatThrownBy(() -> sts(user.user()).getSessionToken(r -> r.durationSeconds(duration)))
                    .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationError"));
        }
        assertThat(sts(user.user()).getSessionToken(r -> r.durationSeconds(129_600)).credentials()).isNotNull();
    }

    @Test
    void getSessionTokenWhenCalledWithSessionCredentialsThenAccessDenied() {
        Credentials session = session(user.user());
        assertThatThrownBy(() -> sts(credentials(session)).getSessionToken())
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"))
                .hasMessageContaining("Cannot call GetSessionToken with session credentials");
    }

    @Test
    void sessionCredentialsWhenCallingIamWithoutMfaThenInvalidClientTokenId() {
        Credentials session = session(root(account));
        assertThatThrownBy(() -> iam(credentials(session)).createUser(r -> r.userName("nope")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidClientTokenId"));
    }

    @Test
    void sessionCredentialsWhenAssumingRoleThenActAsTheUser() {
        Credentials session = session(user.user());
        var assumed = sts(credentials(session)).assumeRole(r -> r.roleArn(user.roleArn()).roleSessionName("from-session"));
        assertThat(assumed.assumedRoleUser().arn()).endsWith(":assumed-role/ops/from-session");
    }

    @Test
    void getSessionTokenWhenMfaCodeGivenThenAccessDeniedUntilDevicesExist() {
        assertThatThrownBy(() -> sts(user.user()).getSessionToken(r -> r
                .serialNumber("arn:aws:iam::" + account.accountId() + ":mfa/dana").tokenCode("123456")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    }
}
