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
}
