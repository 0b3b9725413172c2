package dev.mayfly.issuer.api;

import java.util.Locale;

/** A virtual MFA device of an account, by its name (unique per account without regard to case). */
public record MfaDeviceRef(AccountId account, String deviceName) {

    /** The aggregate identifier: one stream per account and case-folded name. */
    @Override
    public String toString() {
        return account.value() + ":mfa/" + deviceName.toLowerCase(Locale.ROOT);
    }
}
