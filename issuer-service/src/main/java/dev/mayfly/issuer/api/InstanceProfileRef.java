package dev.mayfly.issuer.api;

import java.util.Locale;

/** An IAM instance profile of an account; like roles' names, instance profiles' are unique without regard to case. */
public record InstanceProfileRef(AccountId account, String instanceProfileName) {

    /** The aggregate identifier: one stream per account and case-folded name. */
    @Override
    public String toString() {
        return account.value() + ":instance-profile/" + instanceProfileName.toLowerCase(Locale.ROOT);
    }
}
