package dev.mayfly.issuer.api;

import java.util.Locale;

/** A workload of an account: an application that gets a role's temporary credentials instead of holding keys. */
public record WorkloadRef(AccountId account, String name) {

    /** Where the workload management API and the audit name it: arn:aws:workloads::ACCOUNT:workload/NAME. */
    public String arn() {
        return "arn:aws:workloads::" + account.value() + ":workload/" + name;
    }

    /** The aggregate identifier: one stream per account and case-folded name, as for IAM names. */
    @Override
    public String toString() {
        return account.value() + ":workload/" + name.toLowerCase(Locale.ROOT);
    }
}
