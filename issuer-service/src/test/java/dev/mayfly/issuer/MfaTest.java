package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static dev.mayfly.issuer.IssuerFixture.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.issuer.credentials.Totp;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Virtual MFA devices through the AWS SDK, with codes an authenticator app would show (RFC 6238, computed from the seed
 * CreateVirtualMFADevice returned). A device accepts each code once, so each check uses a code of the step after the
 * last one the device accepted.
 */
class MfaTest {

    static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    /** A user with an access key and an enabled virtual MFA device; the device has accepted the codes of now-1 and now. */
    record MfaUser(AwsCredentials credentials, String serialNumber, String seed, long lastStep) {
        String nextCode() {
            return Totp.code(seed, lastStep + 1);
        }

        /** A code of none of the steps a check around the next one could match. */
        String wrongCode() {
            return wrongCodeNear(seed, lastStep + 1);
        }
    }

    /** A code that no step within three of {@code step} has: a check around {@code step} refuses it. */
    static String wrongCodeNear(String seed, long step) {
        Set<String> near = LongStream.rangeClosed(step - 3, step + 3).mapToObj(s -> Totp.code(seed, s)).collect(Collectors.toSet());
        return IntStream.range(0, 10).mapToObj(d -> String.valueOf(d).repeat(6)).filter(c -> !near.contains(c))
                .findFirst().orElseThrow();
    }

    private static String requestId(Throwable e) {
        return ((AwsServiceException) e).requestId();
    }

    /** @param clock the issuer's: the device is enabled with its codes of now */
    static MfaUser mfaUser(IamClient rootIam, String userName, Clock clock) {
        rootIam.createUser(r -> r.userName(userName));
        var key = rootIam.createAccessKey(r -> r.userName(userName)).accessKey();
        VirtualMFADevice device = rootIam.createVirtualMFADevice(r -> r.virtualMFADeviceName(userName + "-phone")).virtualMFADevice();
        String seed = device.base32StringSeed().asString(StandardCharsets.US_ASCII);
        long now = Totp.step(clock.instant());
        rootIam.enableMFADevice(r -> r.userName(userName).serialNumber(device.serialNumber())
                .authenticationCode1(Totp.code(seed, now - 1)).authenticationCode2(Totp.code(seed, now)));
        return new MfaUser(credentials(key.accessKeyId(), key.secretAccessKey()), device.serialNumber(), seed, now);
    }

    @Test
    void createVirtualMfaDeviceWhenCreatedThenSeedAndQrCodeOnceAndEnableNeedsTwoConsecutiveCodes() {
        NewAccount account = IssuerFixture.newAccount("mfa-devices");
        IamClient rootIam = iam(root(account));
        VirtualMFADevice device = rootIam.createVirtualMFADevice(r -> r.virtualMFADeviceName("phone").path("/team/")).virtualMFADevice();
        assertThat(device.serialNumber()).isEqualTo("arn:aws:iam::" + account.accountId() + ":mfa/team/phone");
        assertThat(device.base32StringSeed().asString(StandardCharsets.US_ASCII)).matches("[A-Z2-7]{64}");
        assertThat(device.qrCodePNG().asByteArray()).startsWith(0x89, 'P', 'N', 'G');
        assertThatThrownBy(() -> rootIam.createVirtualMFADevice(r -> r.virtualMFADeviceName("PHONE")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("EntityAlreadyExists"));

        rootIam.createUser(r -> r.userName("mia"));
        String seed = device.base32StringSeed().asString(StandardCharsets.US_ASCII);
        long now = Totp.step(Instant.now());
        assertThatThrownBy(() -> rootIam.enableMFADevice(r -> r.userName("mia").serialNumber(device.serialNumber())
                .authenticationCode1(Totp.code(seed, now)).authenticationCode2(Totp.code(seed, now + 5))))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidAuthenticationCode"));
        assertThat(rootIam.listVirtualMFADevices(r -> r.assignmentStatus("Unassigned")).virtualMFADevices())
                .extracting(VirtualMFADevice::serialNumber).containsExactly(device.serialNumber());

        rootIam.enableMFADevice(r -> r.userName("mia").serialNumber(device.serialNumber())
                .authenticationCode1(Totp.code(seed, now - 1)).authenticationCode2(Totp.code(seed, now)));
        assertThat(rootIam.listMFADevices(r -> r.userName("mia")).mfaDevices()).extracting(MFADevice::serialNumber)
                .containsExactly(device.serialNumber());
        assertThat(rootIam.listVirtualMFADevices(r -> r.assignmentStatus("Assigned")).virtualMFADevices())
                .singleElement().satisfies(d -> assertThat(d.user().userName()).isEqualTo("mia"));
        assertThatThrownBy(() -> rootIam.deleteUser(r -> r.userName("mia"))).satisfies(e -> assertThat(errorCode(e)).isEqualTo("DeleteConflict"));
        assertThatThrownBy(() -> rootIam.deleteVirtualMFADevice(r -> r.serialNumber(device.serialNumber())))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("DeleteConflict"));

        rootIam.deactivateMFADevice(r -> r.userName("mia").serialNumber(device.serialNumber()));
        rootIam.deleteVirtualMFADevice(r -> r.serialNumber(device.serialNumber()));
        assertThat(rootIam.listVirtualMFADevices().virtualMFADevices()).isEmpty();
        rootIam.deleteUser(r -> r.userName("mia"));
    }

    @Test
    void getSessionTokenWhenMfaThenIamCallsAllowedAndTheSameCodeIsRefusedTheSecondTime() {
        NewAccount account = IssuerFixture.newAccount("mfa-session");
        IamClient rootIam = iam(root(account));
        MfaUser user = mfaUser(rootIam, "mo", Clock.systemUTC());
        rootIam.putUserPolicy(r -> r.userName("mo").policyName("list").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*",
                 "Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"},"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}}}"""));
        assertThatThrownBy(() -> iam(user.credentials()).listUsers()).satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));

        var plain = sts(user.credentials()).getSessionToken().credentials();
        assertThatThrownBy(() -> iam(credentials(plain)).listUsers()).satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidClientTokenId"));

        String code = user.nextCode();
        var withMfa = sts(user.credentials()).getSessionToken(r -> r.serialNumber(user.serialNumber()).tokenCode(code)).credentials();
        assertThat(iam(credentials(withMfa)).listUsers().users()).isNotEmpty();
        assertThatThrownBy(() -> sts(user.credentials()).getSessionToken(r -> r.serialNumber(user.serialNumber()).tokenCode(code)))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied")).hasMessageContaining("MultiFactorAuthentication failed");
        assertThatThrownBy(() -> sts(user.credentials()).getSessionToken(r -> r.serialNumber(user.serialNumber() + "x").tokenCode("123456")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    }

    @Test
    void assumeRoleWhenTrustPolicyRequiresMfaThenOnlyWithACodeAndTheSessionIsMfaAuthenticated() {
        NewAccount account = IssuerFixture.newAccount("mfa-role");
        IamClient rootIam = iam(root(account));
        MfaUser user = mfaUser(rootIam, "ada", Clock.systemUTC());
        String userArn = "arn:aws:iam::" + account.accountId() + ":user/ada";
        String roleArn = rootIam.createRole(r -> r.roleName("admin").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole",
                 "Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}}""".formatted(userArn))).role().arn();
        rootIam.putRolePolicy(r -> r.roleName("admin").policyName("mfa-only").policyDocument("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListRoles","Resource":"*",
                 "Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}}"""));

        assertThatThrownBy(() -> sts(user.credentials()).assumeRole(r -> r.roleArn(roleArn).roleSessionName("no-mfa")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
        var session = sts(user.credentials()).assumeRole(r -> r.roleArn(roleArn).roleSessionName("with-mfa")
                .serialNumber(user.serialNumber()).tokenCode(user.nextCode())).credentials();
        assertThat(iam(credentials(session)).listRoles().roles()).isNotEmpty();
    }

    @Test
    void resyncMfaDeviceWhenDeviceClockRunsAheadThenItsCodesAreAcceptedAgain() {
        NewAccount account = IssuerFixture.newAccount("mfa-resync");
        IamClient rootIam = iam(root(account));
        MfaUser user = mfaUser(rootIam, "rex", Clock.systemUTC());
        long ahead = user.lastStep() + 6;
        assertThatThrownBy(() -> sts(user.credentials()).getSessionToken(r -> r.serialNumber(user.serialNumber())
                .tokenCode(Totp.code(user.seed(), ahead + 1)))).as("three minutes ahead is outside the window")
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));

        rootIam.resyncMFADevice(r -> r.userName("rex").serialNumber(user.serialNumber())
                .authenticationCode1(Totp.code(user.seed(), ahead - 1)).authenticationCode2(Totp.code(user.seed(), ahead)));
        assertThat(sts(user.credentials()).getSessionToken(r -> r.serialNumber(user.serialNumber())
                .tokenCode(Totp.code(user.seed(), ahead + 1))).credentials()).isNotNull();
        assertThatThrownBy(() -> rootIam.resyncMFADevice(r -> r.userName("rex").serialNumber(user.serialNumber())
                .authenticationCode1("000000").authenticationCode2("000000")))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidAuthenticationCode"));
    }

    @Test
    void getSessionTokenWhenFiveWrongCodesInARowThenDeviceLockedAndEvenTheRightCodeRefusedAsAWrongOne() throws Exception {
        NewAccount account = IssuerFixture.newAccount("mfa-lock");
        IamClient rootIam = iam(root(account));
        MfaUser user = mfaUser(rootIam, "guess", Clock.systemUTC());
        StsClient sts = sts(user.credentials());
        String wrongCodeAnswer = null;
        String fifthRequestId = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            Throwable refused = catchThrowable(() -> sts.getSessionToken(r -> r.serialNumber(user.serialNumber()).tokenCode(user.wrongCode())));
            assertThat(errorCode(refused)).isEqualTo("AccessDenied");
            wrongCodeAnswer = ((AwsServiceException) refused).awsErrorDetails().errorMessage();
            fifthRequestId = requestId(refused);
        }

        Throwable locked = catchThrowable(() -> sts.getSessionToken(r -> r.serialNumber(user.serialNumber()).tokenCode(user.nextCode())));
        assertThat(locked).as("the right code is refused while locked").isInstanceOf(AwsServiceException.class);
        assertThat(errorCode(locked)).isEqualTo("AccessDenied");
        assertThat(((AwsServiceException) locked).awsErrorDetails().errorMessage()).as("the answer reveals nothing about the code")
                .isEqualTo(wrongCodeAnswer).isEqualTo("MultiFactorAuthentication failed with invalid MFA one time pass code.");
        assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + account.accountId() + ":role/any").roleSessionName("locked-out")
                .serialNumber(user.serialNumber()).tokenCode(user.nextCode())))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied")).hasMessageContaining("MultiFactorAuthentication failed");

        assertThat(IssuerFixture.storedEventsContaining(fifthRequestId)).singleElement().asString()
                .contains("\"mfaDeviceLocked\":true").doesNotContain("tokenCode");
        assertThat(IssuerFixture.storedEventsContaining(requestId(locked))).singleElement().asString()
                .contains("\"mfaDeviceLocked\":true").doesNotContain("tokenCode");
        assertThat(IssuerFixture.storedEventsContaining(user.serialNumber())).filteredOn(event -> event.contains("\"lockedUntil\""))
                .singleElement().asString().contains("\"userName\":\"guess\"").doesNotContain(user.seed());
    }

    @Test
    void resyncMfaDeviceWhenFiveWrongPairsThenRightCodesRefusedAsIncorrectAndTheDeviceLockedForSessionsToo() {
        NewAccount account = IssuerFixture.newAccount("mfa-lock-resync");
        IamClient rootIam = iam(root(account));
        MfaUser user = mfaUser(rootIam, "sync", Clock.systemUTC());
        String incorrect = "Authentication code for device '" + user.serialNumber() + "' was incorrect.";
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThatThrownBy(() -> rootIam.resyncMFADevice(r -> r.userName("sync").serialNumber(user.serialNumber())
                    .authenticationCode1(user.wrongCode()).authenticationCode2(user.wrongCode())))
                    .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidAuthenticationCode")).hasMessageContaining(incorrect);
        }

        assertThatThrownBy(() -> rootIam.resyncMFADevice(r -> r.userName("sync").serialNumber(user.serialNumber())
                .authenticationCode1(user.nextCode()).authenticationCode2(Totp.code(user.seed(), user.lastStep() + 2))))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidAuthenticationCode")).hasMessageContaining(incorrect);
        assertThatThrownBy(() -> sts(user.credentials()).getSessionToken(r -> r.serialNumber(user.serialNumber()).tokenCode(user.nextCode())))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("AccessDenied"));
    }
}
