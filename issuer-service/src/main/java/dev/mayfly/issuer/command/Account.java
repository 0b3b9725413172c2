package dev.mayfly.issuer.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.mayfly.issuer.api.AccountCommands.CreateAccount;
import dev.mayfly.issuer.api.AccountCommands.RemoveAccountAlias;
import dev.mayfly.issuer.api.AccountCommands.SetAccountAlias;
import dev.mayfly.issuer.api.AccountCommands.CreateRootAccessKey;
import dev.mayfly.issuer.api.AccountCommands.DisableOutboundWebIdentityFederation;
import dev.mayfly.issuer.api.AccountCommands.EnableOutboundWebIdentityFederation;
import dev.mayfly.issuer.api.AccountCommands.DeleteRootAccessKey;
import dev.mayfly.issuer.api.AccountCommands.PreviousRootKeys;
import dev.mayfly.issuer.api.AccountCommands.RootKeyRotation;
import dev.mayfly.issuer.api.AccountCommands.RotateRootAccessKey;
import dev.mayfly.issuer.api.AccountCommands.SetStsRegionActive;
import dev.mayfly.issuer.api.AccountCommands.UpdateRootAccessKey;
import dev.mayfly.issuer.api.AccountEvents.AccountAliasRemoved;
import dev.mayfly.issuer.api.AccountEvents.AccountAliasSet;
import dev.mayfly.issuer.api.AccountEvents.AccountCreated;
import dev.mayfly.issuer.api.AccountEvents.OutboundWebIdentityFederationDisabled;
import dev.mayfly.issuer.api.AccountEvents.OutboundWebIdentityFederationEnabled;
import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyCreated;
import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyDeleted;
import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyStatusChanged;
import dev.mayfly.issuer.api.AccountEvents.StsRegionActivationChanged;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A tenant: its STS regions, its root user's access keys (at most two, as IAM's quota for any user), its alias, and
 * whether its principals may ask for web identity tokens (outbound web identity federation) from its issuer.
 */
public class Account {

    /** The region whose STS cannot be deactivated: the global endpoint answers from it. */
    static final String GLOBAL_REGION = "us-east-1";

    @AggregateIdentifier
    private String accountId;
    private AccountId account;
    private final Set<String> inactiveStsRegions = new HashSet<>();
    /** The root's access keys, oldest first, and whether each is active. */
    private final Map<String, Boolean> rootKeys = new LinkedHashMap<>();
    /** The account's alias, or null. */
    private String alias;
    /** The id in the account's outbound issuer URL, kept once given; null until outbound federation is first enabled. */
    private String outboundIssuerId;
    private boolean outboundFederationEnabled;

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

    @CommandHandler
    public void handle(CreateRootAccessKey command) {
        if (rootKeys.size() >= IamErrors.MAX_ACCESS_KEYS) {
            throw IamErrors.accessKeyQuotaExceeded();
        }
        apply(new RootAccessKeyCreated(account, command.accessKeyId(), command.at()));
    }

    @CommandHandler
    public void handle(UpdateRootAccessKey command) {
        Boolean active = rootKeys.get(command.accessKeyId());
        if (active == null) {
            throw IamErrors.accessKeyNotFound(command.accessKeyId());
        }
        if (active != command.active()) {
            apply(new RootAccessKeyStatusChanged(account, command.accessKeyId(), command.active(), command.at()));
        }
    }

    /** The root may delete its last key, as in AWS: only the operator's rotation gives it one again. */
    @CommandHandler
    public void handle(DeleteRootAccessKey command) {
        if (!rootKeys.containsKey(command.accessKeyId())) {
            throw IamErrors.accessKeyNotFound(command.accessKeyId());
        }
        apply(new RootAccessKeyDeleted(account, command.accessKeyId(), command.at()));
    }

    @CommandHandler
    public RootKeyRotation handle(RotateRootAccessKey command) {
        List<String> deleted = new ArrayList<>();
        List<String> deactivated = new ArrayList<>();
        for (String inactive : List.copyOf(rootKeys.keySet())) {
            if (rootKeys.size() < IamErrors.MAX_ACCESS_KEYS) {
                break;
            }
            if (!rootKeys.get(inactive)) {
                delete(inactive, command.at(), deleted);
            }
        }
        if (rootKeys.size() >= IamErrors.MAX_ACCESS_KEYS) {
            throw IamErrors.limitExceeded("The root user of " + account.value() + " has " + IamErrors.MAX_ACCESS_KEYS
                    + " active access keys: deactivate or delete one of them before rotating.");
        }
        List<String> previous = List.copyOf(rootKeys.keySet());
        apply(new RootAccessKeyCreated(account, command.newAccessKeyId(), command.at()));
        for (String key : previous) {
            if (command.previous() == PreviousRootKeys.DELETE) {
                delete(key, command.at(), deleted);
            } else if (command.previous() == PreviousRootKeys.DEACTIVATE && rootKeys.get(key)) {
                apply(new RootAccessKeyStatusChanged(account, key, false, command.at()));
                deactivated.add(key);
            }
        }
        return new RootKeyRotation(deleted, deactivated);
    }

    /** The alias the new one replaced, for the caller to give back; null when there was none or it is the same. */
    @CommandHandler
    public String handle(SetAccountAlias command) {
        String replaced = alias;
        if (command.alias().equals(replaced)) {
            return null;
        }
        if (replaced != null) {
            apply(new AccountAliasRemoved(account, replaced));
        }
        apply(new AccountAliasSet(account, command.alias()));
        return replaced;
    }

    @CommandHandler
    public void handle(RemoveAccountAlias command) {
        if (!command.alias().equals(alias)) {
            throw IamErrors.noSuchEntity("The account alias " + command.alias() + " cannot be found.");
        }
        apply(new AccountAliasRemoved(account, alias));
    }

    @CommandHandler
    public String handle(EnableOutboundWebIdentityFederation command) {
        if (outboundFederationEnabled) {
            throw IamErrors.featureEnabled();
        }
        apply(new OutboundWebIdentityFederationEnabled(account, outboundIssuerId == null ? command.newIssuerId() : outboundIssuerId));
        return outboundIssuerId;
    }

    @CommandHandler
    public void handle(DisableOutboundWebIdentityFederation command) {
        if (!outboundFederationEnabled) {
            throw IamErrors.featureDisabled();
        }
        apply(new OutboundWebIdentityFederationDisabled(account, outboundIssuerId));
    }

    private void delete(String accessKeyId, Instant at, List<String> deleted) {
        apply(new RootAccessKeyDeleted(account, accessKeyId, at));
        deleted.add(accessKeyId);
    }

    @EventSourcingHandler
    void on(AccountCreated event) {
        this.accountId = event.account().value();
        this.account = event.account();
        rootKeys.put(event.rootAccessKeyId(), true);
    }

    @EventSourcingHandler
    void on(StsRegionActivationChanged event) {
        if (event.active()) {
            inactiveStsRegions.remove(event.region());
        } else {
            inactiveStsRegions.add(event.region());
        }
    }

    @EventSourcingHandler
    void on(AccountAliasSet event) {
        alias = event.alias();
    }

    @EventSourcingHandler
    void on(AccountAliasRemoved event) {
        alias = null;
    }

    @EventSourcingHandler
    void on(OutboundWebIdentityFederationEnabled event) {
        outboundIssuerId = event.issuerId();
        outboundFederationEnabled = true;
    }

    @EventSourcingHandler
    void on(OutboundWebIdentityFederationDisabled event) {
        outboundFederationEnabled = false;
    }

    @EventSourcingHandler
    void on(RootAccessKeyCreated event) {
        rootKeys.put(event.accessKeyId(), true);
    }

    @EventSourcingHandler
    void on(RootAccessKeyStatusChanged event) {
        rootKeys.put(event.accessKeyId(), event.active());
    }

    @EventSourcingHandler
    void on(RootAccessKeyDeleted event) {
        rootKeys.remove(event.accessKeyId());
    }
}
