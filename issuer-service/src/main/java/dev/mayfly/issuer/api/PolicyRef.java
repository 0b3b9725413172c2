package dev.mayfly.issuer.api;

import java.util.Locale;

/** A customer-managed policy of an account; policy names are unique per account without regard to case. */
public record PolicyRef(AccountId account, String policyName) {

    /** The aggregate identifier: one stream per account and case-folded name. */
    @Override
    public String toString() {
        return account.value() + ":policy/" + policyName.toLowerCase(Locale.ROOT);
    }
}
