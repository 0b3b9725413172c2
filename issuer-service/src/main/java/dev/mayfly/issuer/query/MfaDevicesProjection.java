package dev.mayfly.issuer.query;

import dev.mayfly.issuer.api.AccountId;
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
import dev.mayfly.issuer.api.Tagging;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.query.Views.MfaDeviceView;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The virtual MFA devices: whom each is assigned to, its clock's drift, its lock after too many wrong codes, its tags.
 * The codes used are the device aggregate's, not the directory's.
 */
final class MfaDevicesProjection implements Projection {

    private final ViewMap<MfaDeviceView> mfaDevices = new ViewMap<>(MfaDeviceView::accountId);

    @Override
    public void subscribe(EventDispatcher.Routes routes) {
        routes.on(VirtualMfaDeviceCreated.class, this::on)
                .on(MfaDeviceEnabled.class, this::on)
                .on(MfaDeviceResynced.class, this::on)
                .on(MfaDeviceDeactivated.class, this::on)
                .on(MfaDeviceUserRenamed.class, this::on)
                .on(MfaDeviceLocked.class, this::on)
                .on(MfaDeviceTagged.class, this::on)
                .on(MfaDeviceUntagged.class, this::on)
                .on(VirtualMfaDeviceDeleted.class, this::on);
    }

    void on(VirtualMfaDeviceCreated e) {
        mfaDevices.put(e.device(), new MfaDeviceView(e.device().account(), e.device().deviceName(), e.serialNumber(),
                e.path(), e.createdAt(), null, null, 0, Map.of(), null));
    }

    void on(MfaDeviceEnabled e) {
        mfaDevices.update(e.device(), d -> d.assigned(e.userName(), e.enabledAt(), e.driftSteps()));
    }

    void on(MfaDeviceResynced e) {
        mfaDevices.update(e.device(), d -> d.assigned(d.userName(), d.enabledAt(), e.driftSteps()));
    }

    void on(MfaDeviceUserRenamed e) {
        mfaDevices.update(e.device(), d -> d.assigned(e.userName(), d.enabledAt(), d.driftSteps()));
    }

    void on(MfaDeviceDeactivated e) {
        mfaDevices.update(e.device(), d -> d.assigned(null, null, 0));
    }

    void on(MfaDeviceLocked e) {
        mfaDevices.update(e.device(), d -> d.lockedUntil(e.lockedUntil()));
    }

    void on(MfaDeviceTagged e) {
        mfaDevices.update(e.device(), d -> d.withTags(Tagging.merged(d.tags(), e.tags())));
    }

    void on(MfaDeviceUntagged e) {
        mfaDevices.update(e.device(), d -> d.withTags(Tagging.without(d.tags(), e.tagKeys())));
    }

    void on(VirtualMfaDeviceDeleted e) {
        mfaDevices.remove(e.device());
    }

    Optional<MfaDeviceView> mfaDevice(MfaDeviceRef device) {
        return mfaDevices.get(device);
    }

    List<MfaDeviceView> mfaDevicesIn(AccountId account) {
        return mfaDevices.in(account, Comparator.comparing(MfaDeviceView::serialNumber));
    }

    List<MfaDeviceView> mfaDevicesOf(UserRef user) {
        return mfaDevicesIn(user.account()).stream().filter(d -> d.userName() != null && d.userName().equalsIgnoreCase(user.userName()))
                .toList();
    }

    Map<String, MfaDeviceView> saved() {
        return mfaDevices.saved();
    }

    void restore(Map<String, MfaDeviceView> saved) {
        mfaDevices.restore(saved);
    }
}
