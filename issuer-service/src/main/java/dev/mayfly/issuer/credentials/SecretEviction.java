package dev.mayfly.issuer.credentials;

import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyDeleted;
import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyStatusChanged;
import dev.mayfly.issuer.api.MfaEvents.VirtualMfaDeviceDeleted;
import dev.mayfly.issuer.api.UserEvents.AccessKeyDeleted;
import dev.mayfly.issuer.api.UserEvents.AccessKeyStatusChanged;
import java.util.function.Consumer;

/**
 * Keeps the vaults' in-memory secrets to those still honoured: fed by the event store's tail, so that a key deleted or
 * deactivated through another issuer leaves this one's memory too (a reactivated key's secret is read again).
 */
public final class SecretEviction implements Consumer<Object> {

    private final CredentialVault accessKeys;
    private final CredentialVault mfaSeeds;

    public SecretEviction(CredentialVault accessKeys, CredentialVault mfaSeeds) {
        this.accessKeys = accessKeys;
        this.mfaSeeds = mfaSeeds;
    }

    @Override
    public void accept(Object event) {
        switch (event) {
            case AccessKeyDeleted e -> accessKeys.forget(e.accessKeyId());
            case AccessKeyStatusChanged e -> accessKeys.forget(e.accessKeyId());
            case RootAccessKeyDeleted e -> accessKeys.forget(e.accessKeyId());
            case RootAccessKeyStatusChanged e -> accessKeys.forget(e.accessKeyId());
            case VirtualMfaDeviceDeleted e -> mfaSeeds.forget(e.serialNumber());
            default -> {
            }
        }
    }
}
