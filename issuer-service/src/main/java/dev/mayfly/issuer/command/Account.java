package dev.mayfly.issuer.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.mayfly.issuer.api.AccountCommands.CreateAccount;
import dev.mayfly.issuer.api.AccountCommands.SetStsRegionActive;
import dev.mayfly.issuer.api.AccountEvents.AccountCreated;
import dev.mayfly.issuer.api.AccountEvents.StsRegionActivationChanged;
import dev.mayfly.runtime.AwsServiceException;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/** A tenant. */
public class Account {

    /** The region whose STS cannot be deactivated: the global endpoint answers from it. */
    static final String GLOBAL_REGION = "us-east-1";

    @AggregateIdentifier
    private String accountId;
    private final Set<String> inactiveStsRegions = new HashSet<>();

    protected Account() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public void handle(CreateAccount command) {
        if (command.name() == null || command.name().isBlank() || command.name().length() > 64) {
            throw AwsServiceException.validation("An account name is 1 to 64 characters.");
        }
        apply(new AccountCreated(command.accountId(), command.name(), command.rootAccessKeyId(), command.at()));
    }

    @CommandHandler
    public void handle(SetStsRegionActive command) {
        if (!command.active() && command.region().equals(GLOBAL_REGION)) {
            throw AwsServiceException.validation("STS cannot be deactivated in " + GLOBAL_REGION + ", the global endpoint's region.");
        }
        if (inactiveStsRegions.contains(command.region()) == command.active()) {
            apply(new StsRegionActivationChanged(command.accountId(), command.region(), command.active()));
        }
    }

    @EventSourcingHandler
    void on(AccountCreated event) {
        this.accountId = event.account().value();
    }

    @EventSourcingHandler
    void on(StsRegionActivationChanged event) {
        if (event.active()) {
            inactiveStsRegions.remove(event.region());
        } else {
            inactiveStsRegions.add(event.region());
        }
    }
}
