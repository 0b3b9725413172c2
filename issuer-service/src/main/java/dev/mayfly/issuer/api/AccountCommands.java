package dev.mayfly.issuer.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on accounts. */
public final class AccountCommands {

    private AccountCommands() {
    }

    /** Creates a tenant with its root access key (whose secret is already sealed in the vault). */
    public record CreateAccount(@TargetAggregateIdentifier AccountId accountId, String name, String rootAccessKeyId,
                                Instant at) {
    }

    /**
     * Activates or deactivates STS in a region for the account: a deactivated region issues the account no
     * credentials. us-east-1 (the global endpoint's region) cannot be deactivated, as in AWS.
     */
    public record SetStsRegionActive(@TargetAggregateIdentifier AccountId accountId, String region, boolean active) {
    }
}
