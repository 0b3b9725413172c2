package dev.mayfly.revocation.api;

import dev.mayfly.contract.RevocationRule;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on revocation rules. */
public final class RevocationCommands {

    private RevocationCommands() {
    }

    public record CreateRule(@TargetAggregateIdentifier String ruleId, RevocationRule rule) {
    }

    public record LiftRule(@TargetAggregateIdentifier String ruleId, String liftedBy, Instant at) {
    }
}
