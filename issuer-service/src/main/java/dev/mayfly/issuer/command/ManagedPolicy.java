package dev.mayfly.issuer.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.PolicyCommands.AttachPolicy;
import dev.mayfly.issuer.api.PolicyCommands.CreatePolicy;
import dev.mayfly.issuer.api.PolicyCommands.CreatePolicyVersion;
import dev.mayfly.issuer.api.PolicyCommands.DeletePolicy;
import dev.mayfly.issuer.api.PolicyCommands.DeletePolicyVersion;
import dev.mayfly.issuer.api.PolicyCommands.DetachPolicy;
import dev.mayfly.issuer.api.PolicyCommands.SetDefaultPolicyVersion;
import dev.mayfly.issuer.api.PolicyCommands.TagPolicy;
import dev.mayfly.issuer.api.PolicyCommands.UntagPolicy;
import dev.mayfly.issuer.api.PolicyEvents.DefaultPolicyVersionSet;
import dev.mayfly.issuer.api.PolicyEvents.PolicyAttached;
import dev.mayfly.issuer.api.PolicyEvents.PolicyCreated;
import dev.mayfly.issuer.api.PolicyEvents.PolicyDeleted;
import dev.mayfly.issuer.api.PolicyEvents.PolicyDetached;
import dev.mayfly.issuer.api.PolicyEvents.PolicyTagged;
import dev.mayfly.issuer.api.PolicyEvents.PolicyUntagged;
import dev.mayfly.issuer.api.PolicyEvents.PolicyVersionCreated;
import dev.mayfly.issuer.api.PolicyEvents.PolicyVersionDeleted;
import dev.mayfly.issuer.api.PolicyRef;
import dev.mayfly.issuer.api.Tagging;
import dev.mayfly.runtime.AwsServiceException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A customer-managed policy: its versions (at most five, one the default; ids are never reused) and the users,
 * roles and groups it is attached to, and its tags. Attaching twice changes nothing, as IAM answers both with success.
 */
public class ManagedPolicy {

    /** IAM's quota: PolicyVersionsInUse. */
    static final int MAX_VERSIONS = 5;

    @AggregateIdentifier
    private String id;
    private PolicyRef ref;
    private boolean live;
    private String policyId;
    private String arn;
    private int lastVersion;
    private String defaultVersion;
    private final Set<String> versions = new HashSet<>();
    private final Set<String> attachments = new HashSet<>();
    private Map<String, String> tags = Map.of();

    protected ManagedPolicy() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreatePolicy command) {
        PolicyRef policy = command.policy();
        if (live) {
            throw IamErrors.entityAlreadyExists("A policy called " + policy.policyName() + " already exists. Duplicate names are not allowed.");
        }
        apply(new PolicyCreated(policy, command.path(), command.policyId(),
                "arn:aws:iam::" + policy.account().value() + ":policy" + command.path() + policy.policyName(),
                command.document(), command.description(), command.at()));
        tag(command.tags());
    }

    @CommandHandler
    public void handle(TagPolicy command) {
        requireLive();
        tag(command.tags());
    }

    private void tag(Map<String, String> added) {
        Tagging.additions(tags, added, "TagsPerPolicy").ifPresent(additions -> apply(new PolicyTagged(ref, additions)));
    }

    @CommandHandler
    public void handle(UntagPolicy command) {
        requireLive();
        Tagging.removals(tags, command.tagKeys()).ifPresent(keys -> apply(new PolicyUntagged(ref, keys)));
    }

    /** @return the new version's id */
    @CommandHandler
    public String handle(CreatePolicyVersion command) {
        requireLive();
        if (versions.size() >= MAX_VERSIONS) {
            throw IamErrors.limitExceeded("A managed policy can have up to " + MAX_VERSIONS
                    + " versions. Before you create a new version, you must delete an existing version.");
        }
        String versionId = "v" + (lastVersion + 1);
        apply(new PolicyVersionCreated(ref, versionId, command.document(), command.setAsDefault(), command.at()));
        return versionId;
    }

    @CommandHandler
    public void handle(SetDefaultPolicyVersion command) {
        requireVersion(command.versionId());
        if (!command.versionId().equals(defaultVersion)) {
            apply(new DefaultPolicyVersionSet(ref, command.versionId(), command.at()));
        }
    }

    @CommandHandler
    public void handle(DeletePolicyVersion command) {
        requireVersion(command.versionId());
        if (command.versionId().equals(defaultVersion)) {
            throw IamErrors.deleteConflict("Cannot delete the default version of a policy.");
        }
        apply(new PolicyVersionDeleted(ref, command.versionId()));
    }

    @CommandHandler
    public void handle(DeletePolicy command) {
        requireLive();
        if (!attachments.isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete a policy attached to entities.");
        }
        if (versions.size() > 1) {
            throw IamErrors.deleteConflict("This policy has more than one version. Before you delete a policy, you must delete the policy's versions.");
        }
        apply(new PolicyDeleted(ref, policyId, command.at()));
    }

    @CommandHandler
    public void handle(AttachPolicy command) {
        requireLive();
        if (!attachments.contains(key(command.entityType(), command.entityName()))) {
            apply(new PolicyAttached(ref, command.entityType(), command.entityName()));
        }
    }

    @CommandHandler
    public void handle(DetachPolicy command) {
        requireLive();
        if (!attachments.contains(key(command.entityType(), command.entityName()))) {
            throw IamErrors.noSuchEntity("Policy " + ref.policyName() + " was not found attached to " + command.entityName() + ".");
        }
        apply(new PolicyDetached(ref, command.entityType(), command.entityName()));
    }

    private void requireLive() {
        if (!live) {
            throw IamErrors.noSuchEntity("Policy " + ref.policyName() + " does not exist or is not attachable.");
        }
    }

    private void requireVersion(String versionId) {
        requireLive();
        if (!versions.contains(versionId)) {
            throw versionNotFound(versionId);
        }
    }

    private AwsServiceException versionNotFound(String versionId) {
        return IamErrors.noSuchEntity("Policy " + arn + " version " + versionId + " does not exist.");
    }

    private static String key(Object type, String name) {
        return type + "/" + name.toLowerCase(Locale.ROOT);
    }

    @EventSourcingHandler
    void on(PolicyCreated event) {
        this.id = event.policy().toString();
        this.ref = event.policy();
        this.policyId = event.policyId();
        this.arn = event.arn();
        this.live = true;
        this.lastVersion = 1;
        this.defaultVersion = "v1";
        this.versions.clear();
        this.versions.add("v1");
        this.tags = Map.of();
    }

    @EventSourcingHandler
    void on(PolicyTagged event) {
        tags = Tagging.merged(tags, event.tags());
    }

    @EventSourcingHandler
    void on(PolicyUntagged event) {
        tags = Tagging.without(tags, event.tagKeys());
    }

    @EventSourcingHandler
    void on(PolicyVersionCreated event) {
        versions.add(event.versionId());
        lastVersion++;
        if (event.isDefault()) {
            defaultVersion = event.versionId();
        }
    }

    @EventSourcingHandler
    void on(DefaultPolicyVersionSet event) {
        defaultVersion = event.versionId();
    }

    @EventSourcingHandler
    void on(PolicyVersionDeleted event) {
        versions.remove(event.versionId());
    }

    @EventSourcingHandler
    void on(PolicyAttached event) {
        attachments.add(key(event.entityType(), event.entityName()));
    }

    @EventSourcingHandler
    void on(PolicyDetached event) {
        attachments.remove(key(event.entityType(), event.entityName()));
    }

    @EventSourcingHandler
    void on(PolicyDeleted event) {
        live = false;
    }
}
