package dev.mayfly.issuer.api;

import java.util.Locale;

/**
 * An IAM user of an account. IAM user names are unique without regard to case ("Bob" and "bob" are the
 * same user), so the aggregate identifier folds case while {@link #userName()} keeps the spelling given.
 */
public record UserRef(AccountId account, String userName) {

    /** The aggregate identifier: one stream per account and case-folded name. */
    @Override
    public String toString() {
        return account.value() + ":user/" + userName.toLowerCase(Locale.ROOT);
    }
}
