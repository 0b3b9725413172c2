package dev.mayfly.issuer.api;

import java.util.Locale;

/** An IAM role of an account; like user names, role names are unique without regard to case. */
public record RoleRef(AccountId account, String roleName) {

    /** The aggregate identifier: one stream per account and case-folded name. */
    @Override
    public String toString() {
        return account.value() + ":role/" + roleName.toLowerCase(Locale.ROOT);
    }
}
