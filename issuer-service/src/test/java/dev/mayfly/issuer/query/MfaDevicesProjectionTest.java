package dev.mayfly.issuer.query;

import static dev.mayfly.issuer.query.GivenEvents.ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.OTHER_ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.T;
import static dev.mayfly.issuer.query.GivenEvents.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.issuer.api.MfaDeviceRef;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceDeactivated;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceEnabled;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceUserRenamed;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceLocked;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceResynced;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceTagged;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceUntagged;
import dev.mayfly.issuer.api.MfaEvents.VirtualMfaDeviceCreated;
import dev.mayfly.issuer.api.MfaEvents.VirtualMfaDeviceDeleted;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.query.Views.MfaDeviceView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MfaDevicesProjectionTest {

    private static final MfaDeviceRef PHONE = new MfaDeviceRef(ACCOUNT, "phone");
    private static final UserRef ALICE = new UserRef(ACCOUNT, "alice");

    private static VirtualMfaDeviceCreated created(MfaDeviceRef device) {
        return new VirtualMfaDeviceCreated(device, "/", "arn:aws:iam::" + device.account().value() + ":mfa/" + device.deviceName(), T);
    }

    private static MfaDeviceView phone(MfaDevicesProjection devices) {
        return devices.mfaDevice(PHONE).orElseThrow();
    }

    @Test
    void mfaDeviceWhenCreatedThenIsAssignedToNoOneAndNeverLocked() {
        MfaDeviceView phone = phone(given(new MfaDevicesProjection(), created(PHONE)));

        assertThat(phone.serialNumber()).isEqualTo("arn:aws:iam::123456789012:mfa/phone");
        assertThat(phone.userName()).isNull();
        assertThat(phone.lockedUntil()).isNull();
    }

    @Test
    void mfaDevicesOfWhenEnabledForTheUserThenFoundWithoutRegardToCase() {
        MfaDevicesProjection devices = given(new MfaDevicesProjection(), created(PHONE), new MfaDeviceEnabled(PHONE, "Alice", 100, 2, T));

        assertThat(devices.mfaDevicesOf(ALICE)).extracting(MfaDeviceView::deviceName).containsExactly("phone");
        assertThat(phone(devices).enabledAt()).isEqualTo(T);
        assertThat(phone(devices).driftSteps()).isEqualTo(2);
    }

    @Test
    void mfaDeviceWhenResyncedThenKeepsItsUserWithTheNewDrift() {
        MfaDeviceView phone = phone(given(new MfaDevicesProjection(), created(PHONE), new MfaDeviceEnabled(PHONE, "alice", 100, 2, T),
                new MfaDeviceResynced(PHONE, 200, -1)));

        assertThat(phone.userName()).isEqualTo("alice");
        assertThat(phone.enabledAt()).isEqualTo(T);
        assertThat(phone.driftSteps()).isEqualTo(-1);
    }

    @Test
    void mfaDevicesOfWhenDeactivatedThenNone() {
        MfaDevicesProjection devices = given(new MfaDevicesProjection(), created(PHONE), new MfaDeviceEnabled(PHONE, "alice", 100, 2, T),
                new MfaDeviceDeactivated(PHONE, "alice"));

        assertThat(devices.mfaDevicesOf(ALICE)).isEmpty();
        assertThat(phone(devices).driftSteps()).isZero();
    }

    @Test
    void mfaDeviceWhenLockedThenLockedUntilThen() {
        MfaDeviceView phone = phone(given(new MfaDevicesProjection(), created(PHONE),
                new MfaDeviceLocked(PHONE, "arn:aws:iam::123456789012:mfa/phone", "alice", T, T.plusSeconds(900))));

        assertThat(phone.lockedAt(T.plusSeconds(899))).isTrue();
        assertThat(phone.lockedAt(T.plusSeconds(900))).isFalse();
    }

    @Test
    void mfaDeviceWhenTaggedThenUntaggedThenKeepsTheOtherTags() {
        MfaDeviceView phone = phone(given(new MfaDevicesProjection(), created(PHONE), new MfaDeviceTagged(PHONE, Map.of("Team", "a", "Cost", "1")),
                new MfaDeviceUntagged(PHONE, List.of("Team"))));

        assertThat(phone.tags()).isEqualTo(Map.of("Cost", "1"));
    }

    @Test
    void mfaDevicesInWhenOneDeletedThenTheAccountsOthersBySerialNumber() {
        MfaDevicesProjection devices = given(new MfaDevicesProjection(), created(PHONE), created(new MfaDeviceRef(ACCOUNT, "Yubi")),
                created(new MfaDeviceRef(ACCOUNT, "laptop")), created(new MfaDeviceRef(OTHER_ACCOUNT, "any")),
                new VirtualMfaDeviceDeleted(PHONE, "arn:aws:iam::123456789012:mfa/phone"));

        assertThat(devices.mfaDevice(PHONE)).isEmpty();
        assertThat(devices.mfaDevicesIn(ACCOUNT)).extracting(MfaDeviceView::deviceName).containsExactly("Yubi", "laptop");
    }

    @Test
    void mfaDevicesOfWhenTheUserRenamedThenFoundUnderTheNewNameWithItsDrift() {
        MfaDevicesProjection devices = given(new MfaDevicesProjection(), created(PHONE), new MfaDeviceEnabled(PHONE, "alice", 100, 2, T),
                new MfaDeviceUserRenamed(PHONE, "alicia"));

        assertThat(devices.mfaDevicesOf(ALICE)).isEmpty();
        assertThat(devices.mfaDevicesOf(new UserRef(ACCOUNT, "alicia"))).extracting(MfaDeviceView::deviceName).containsExactly("phone");
        assertThat(phone(devices).driftSteps()).isEqualTo(2);
        assertThat(phone(devices).enabledAt()).isEqualTo(T);
    }
}
