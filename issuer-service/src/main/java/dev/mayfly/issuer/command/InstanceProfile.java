package dev.mayfly.issuer.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.InstanceProfileCommands.AddRoleToInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileCommands.CreateInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileCommands.DeleteInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileCommands.RemoveRoleFromInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileCommands.TagInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileCommands.UntagInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileEvents.InstanceProfileCreated;
import dev.mayfly.issuer.api.InstanceProfileEvents.InstanceProfileDeleted;
import dev.mayfly.issuer.api.InstanceProfileEvents.InstanceProfileTagged;
import dev.mayfly.issuer.api.InstanceProfileEvents.InstanceProfileUntagged;
import dev.mayfly.issuer.api.InstanceProfileEvents.RoleAddedToInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileEvents.RoleRemovedFromInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileRef;
import dev.mayfly.issuer.api.Tagging;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * An IAM instance profile: the one role it may hold, and its tags. The stream is the profile's name, as a role's is:
 * a profile deleted and created again starts a new life with a new id. Whether the role exists is the action's to
 * check, from the directory; that a role in a profile cannot be deleted is DeleteRole's.
 */
public class InstanceProfile {

    /** IAM's quota of roles in an instance profile, which cannot be raised. */
    static final int MAX_ROLES = 1;

    @AggregateIdentifier
    private String id;
    private InstanceProfileRef ref;
    private boolean live;
    private String instanceProfileId;
    /** The role it holds, or null. */
    private String roleName;
    private Map<String, String> tags = Map.of();

    protected InstanceProfile() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateInstanceProfile command) {
        InstanceProfileRef profile = command.instanceProfile();
        if (live) {
            throw IamErrors.entityAlreadyExists("Instance Profile " + profile.instanceProfileName() + " already exists.");
        }
        apply(new InstanceProfileCreated(profile, command.path(), command.instanceProfileId(),
                "arn:aws:iam::" + profile.account().value() + ":instance-profile" + command.path() + profile.instanceProfileName(),
                command.at()));
        tag(command.tags());
    }

    @CommandHandler
    public void handle(AddRoleToInstanceProfile command) {
        requireLive();
        if (roleName != null) {
            throw IamErrors.limitExceeded("Cannot exceed quota for InstanceSessionsPerInstanceProfile: " + MAX_ROLES);
        }
        apply(new RoleAddedToInstanceProfile(ref, command.roleName()));
    }

    @CommandHandler
    public void handle(RemoveRoleFromInstanceProfile command) {
        requireLive();
        if (roleName == null || !roleName.equalsIgnoreCase(command.roleName())) {
            throw IamErrors.roleNotFound(command.roleName());
        }
        apply(new RoleRemovedFromInstanceProfile(ref, roleName));
    }

    @CommandHandler
    public void handle(DeleteInstanceProfile command) {
        requireLive();
        if (roleName != null) {
            throw IamErrors.rolesInInstanceProfile();
        }
        apply(new InstanceProfileDeleted(ref, instanceProfileId, command.at()));
    }

    @CommandHandler
    public void handle(TagInstanceProfile command) {
        requireLive();
        tag(command.tags());
    }

    private void tag(Map<String, String> added) {
        Tagging.additions(tags, added, "TagsPerInstanceProfile").ifPresent(additions -> apply(new InstanceProfileTagged(ref, additions)));
    }

    @CommandHandler
    public void handle(UntagInstanceProfile command) {
        requireLive();
        Tagging.removals(tags, command.tagKeys()).ifPresent(keys -> apply(new InstanceProfileUntagged(ref, keys)));
    }

    private void requireLive() {
        if (!live) {
            throw IamErrors.instanceProfileNotFound(ref.instanceProfileName());
        }
    }

    @EventSourcingHandler
    void on(InstanceProfileCreated event) {
        this.id = event.instanceProfile().toString();
        this.ref = event.instanceProfile();
        this.instanceProfileId = event.instanceProfileId();
        this.live = true;
    }

    @EventSourcingHandler
    void on(RoleAddedToInstanceProfile event) {
        roleName = event.roleName();
    }

    @EventSourcingHandler
    void on(RoleRemovedFromInstanceProfile event) {
        roleName = null;
    }

    @EventSourcingHandler
    void on(InstanceProfileDeleted event) {
        live = false;
        roleName = null;
        tags = Map.of();
    }

    @EventSourcingHandler
    void on(InstanceProfileTagged event) {
        tags = Tagging.merged(tags, event.tags());
    }

    @EventSourcingHandler
    void on(InstanceProfileUntagged event) {
        tags = Tagging.without(tags, event.tagKeys());
    }
}
