package dev.mayfly.revocation.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.mayfly.revocation.api.RevocationCommands.CreateRule;
import dev.mayfly.revocation.api.RevocationCommands.LiftRule;
import dev.mayfly.revocation.api.RevocationEvents.RuleCreated;
import dev.mayfly.revocation.api.RevocationEvents.RuleLifted;
import dev.mayfly.runtime.AwsServiceException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/** A revocation rule: created once, lifted at most once. */
public class Rule {

    @AggregateIdentifier
    private String ruleId;
    private String accountId;
    private boolean lifted;

    protected Rule() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public void handle(CreateRule command) {
        apply(new RuleCreated(command.rule()));
    }

    @CommandHandler
    public void handle(LiftRule command) {
        if (lifted) {
            throw new AwsServiceException("ResourceNotFoundException", "Rule " + ruleId + " was already lifted.", 404);
        }
        apply(new RuleLifted(ruleId, accountId, command.liftedBy(), command.at()));
    }

    @EventSourcingHandler
    void on(RuleCreated event) {
        this.ruleId = event.rule().ruleId();
        this.accountId = event.rule().accountId();
    }

    @EventSourcingHandler
    void on(RuleLifted event) {
        this.lifted = true;
    }
}
