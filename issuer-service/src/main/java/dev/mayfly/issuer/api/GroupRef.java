package dev.mayfly.issuer.api;

import java.util.Locale;

/** An IAM group of an account; group names, like user names, are unique without regard to case. */
public record GroupRef(AccountId account, String groupName) {

    /** The aggregate identifier: one stream per account and case-folded name. */
    @Override
    public String toString() {
        return account.value() + ":group/" + groupName.toLowerCase(Locale.ROOT);
    }
}
