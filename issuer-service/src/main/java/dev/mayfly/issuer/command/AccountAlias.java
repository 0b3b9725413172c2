package dev.mayfly.issuer.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.mayfly.issuer.api.AccountAliasRef;
import dev.mayfly.issuer.api.AccountCommands.ClaimAccountAlias;
import dev.mayfly.issuer.api.AccountCommands.ReleaseAccountAlias;
import dev.mayfly.issuer.api.AccountEvents.AccountAliasClaimed;
import dev.mayfly.issuer.api.AccountEvents.AccountAliasReleased;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.IamErrors;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * An account alias and the account that holds it, if any: the stream of the alias is what keeps it unique among
 * accounts, as one account's aggregate cannot see the others'. An account sets its alias on its own aggregate only once
 * it holds the claim here, so that two accounts racing for one alias cannot both get it.
 */
public class AccountAlias {

    @AggregateIdentifier
    private String id;
    /** The account that holds the alias, or null. */
    private AccountId holder;

    protected AccountAlias() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ClaimAccountAlias command) {
        if (holder != null && !holder.equals(command.accountId())) {
            throw IamErrors.entityAlreadyExists("The account alias " + command.alias().alias() + " already exists.");
        }
        if (holder == null) {
            apply(new AccountAliasClaimed(command.alias(), command.accountId()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReleaseAccountAlias command) {
        if (command.accountId().equals(holder)) {
            apply(new AccountAliasReleased(command.alias(), command.accountId()));
        }
    }

    @EventSourcingHandler
    void on(AccountAliasClaimed event) {
        this.id = event.alias().toString();
        this.holder = event.account();
    }

    @EventSourcingHandler
    void on(AccountAliasReleased event) {
        this.holder = null;
    }
}
