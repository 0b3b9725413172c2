package dev.mayfly.issuer.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.mayfly.issuer.api.AccountCommands.CreateAccount;
import dev.mayfly.issuer.api.AccountEvents.AccountCreated;
import dev.mayfly.runtime.AwsServiceException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/** A tenant. */
public class Account {

    @AggregateIdentifier
    private String accountId;

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

    @EventSourcingHandler
    void on(AccountCreated event) {
        this.accountId = event.account().value();
    }
}
