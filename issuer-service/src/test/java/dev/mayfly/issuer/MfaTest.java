package dev.mayfly.issuer;

import static dev.mayfly.issuer.IssuerFixture.credentials;
import static dev.mayfly.issuer.IssuerFixture.iam;
import static dev.mayfly.issuer.IssuerFixture.root;
import static dev.mayfly.issuer.IssuerFixture.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.issuer.credentials.Totp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/**
 * Virtual MFA devices through the AWS SDK, with codes an authenticator app would show (RFC 6238, computed from the seed
 * CreateVirtualMFADevice returned). A device accepts each code once, so each check uses a code of the step after the
 * last one the device accepted.
 */
class MfaTest {

    private static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    /** A user with an access key and an enabled virtual MFA device; the device has accepted the codes of now-1 and now. */
    private record MfaUser(AwsCredentials credentials, String serialNumber, String seed, long lastStep) {
        String nextCode() {
            return Totp.code(seed, lastStep + 1);
        }
    }

    private static MfaUser mfaUser(IamClient rootIam, String userName) {
        rootIam.createUser(r -> r.userName(userName));
        var key = rootIam.createAccessKey(r -> r.userName(userName)).accessKey();
        VirtualMFADevice device = rootIam.createVirtualMFADevice(r -> r.virtualMFADeviceName(userName + "-phone")).virtualMFADevice();
        String seed = device.base32StringSeed().asString(StandardCharsets.US_ASCII);
        long now = Totp.step(Instant.now());
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
        MfaUser user = mfaUser(rootIam, "mo");
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
        MfaUser user = mfaUser(rootIam, "ada");
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
        MfaUser user = mfaUser(rootIam, "rex");
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
}
