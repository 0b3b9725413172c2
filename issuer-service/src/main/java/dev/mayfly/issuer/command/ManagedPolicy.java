package dev.mayfly.issuer.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.PolicyCommands.AttachPolicy;
import dev.mayfly.issuer.api.PolicyCommands.CreatePolicy;
import dev.mayfly.issuer.api.PolicyCommands.CreatePolicyVersion;
import dev.mayfly.issuer.api.PolicyCommands.DetachPolicy;
import dev.mayfly.issuer.api.PolicyEvents.PolicyAttached;
import dev.mayfly.issuer.api.PolicyEvents.PolicyCreated;
import dev.mayfly.issuer.api.PolicyEvents.PolicyDetached;
import dev.mayfly.issuer.api.PolicyEvents.PolicyVersionCreated;
import dev.mayfly.issuer.api.PolicyRef;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A customer-managed policy: its versions (at most five, one the default) and the users, roles and groups it is
 * attached to. Attaching twice changes nothing, as IAM answers both with success.
 */
public class ManagedPolicy {

    /** IAM's quota: PolicyVersionsInUse. */
    static final int MAX_VERSIONS = 5;

    @AggregateIdentifier
    private String id;
    private PolicyRef ref;
    private int versions;
    private int lastVersion;
    private final Set<String> attachments = new HashSet<>();

    protected ManagedPolicy() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public void handle(CreatePolicy command) {
        PolicyRef policy = command.policy();
        apply(new PolicyCreated(policy, command.path(), command.policyId(),
                "arn:aws:iam::" + policy.account().value() + ":policy" + command.path() + policy.policyName(),
                command.document(), command.description(), command.at()));
    }

    @CommandHandler
    public void handle(CreatePolicyVersion command) {
        if (versions >= MAX_VERSIONS) {
            throw IamErrors.limitExceeded("A managed policy can have up to " + MAX_VERSIONS
                    + " versions. Before you create a new version, you must delete an existing version.");
        }
        apply(new PolicyVersionCreated(ref, "v" + (lastVersion + 1), command.document(), command.setAsDefault(), command.at()));
    }

    @CommandHandler
    public void handle(AttachPolicy command) {
        if (!attachments.contains(key(command.entityType(), command.entityName()))) {
            apply(new PolicyAttached(ref, command.entityType(), command.entityName()));
        }
    }

    @CommandHandler
    public void handle(DetachPolicy command) {
        if (!attachments.contains(key(command.entityType(), command.entityName()))) {
            throw IamErrors.noSuchEntity("Policy " + ref.policyName() + " was not found attached to " + command.entityName() + ".");
        }
        apply(new PolicyDetached(ref, command.entityType(), command.entityName()));
    }

    private static String key(Object type, String name) {
        return type + "/" + name.toLowerCase(Locale.ROOT);
    }

    @EventSourcingHandler
    void on(PolicyCreated event) {
        this.id = event.policy().toString();
        this.ref = event.policy();
        this.versions = 1;
        this.lastVersion = 1;
    }

    @EventSourcingHandler
    void on(PolicyVersionCreated event) {
        versions++;
        lastVersion++;
    }

    @EventSourcingHandler
    void on(PolicyAttached event) {
        attachments.add(key(event.entityType(), event.entityName()));
    }

    @EventSourcingHandler
    void on(PolicyDetached event) {
        attachments.remove(key(event.entityType(), event.entityName()));
    }
}
