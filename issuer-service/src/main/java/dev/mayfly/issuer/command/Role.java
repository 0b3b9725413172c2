package dev.mayfly.issuer.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.api.RoleCommands.CreateRole;
import dev.mayfly.issuer.api.RoleCommands.DeleteRole;
import dev.mayfly.issuer.api.RoleCommands.DeleteRolePolicy;
import dev.mayfly.issuer.api.RoleCommands.PutRolePolicy;
import dev.mayfly.issuer.api.RoleCommands.SetRolePermissionsBoundary;
import dev.mayfly.issuer.api.RoleCommands.TagRole;
import dev.mayfly.issuer.api.RoleCommands.UntagRole;
import dev.mayfly.issuer.api.RoleCommands.UpdateAssumeRolePolicy;
import dev.mayfly.issuer.api.RoleCommands.UpdateRole;
import dev.mayfly.issuer.api.RoleEvents.RoleCreated;
import dev.mayfly.issuer.api.RoleEvents.RoleDeleted;
import dev.mayfly.issuer.api.RoleEvents.RolePermissionsBoundarySet;
import dev.mayfly.issuer.api.RoleEvents.RolePolicyDeleted;
import dev.mayfly.issuer.api.RoleEvents.RolePolicyPut;
import dev.mayfly.issuer.api.RoleEvents.RoleTagged;
import dev.mayfly.issuer.api.RoleEvents.RoleUntagged;
import dev.mayfly.issuer.api.RoleEvents.RoleUpdated;
import dev.mayfly.issuer.api.RoleEvents.TrustPolicyUpdated;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.api.Tagging;
import dev.mayfly.runtime.AwsServiceException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * An IAM role: its trust policy, session limit and inline policies. Like a user's, the stream is the role's name:
 * a role deleted and created again starts a new life with a new role id.
 */
public class Role {

    static final int MIN_SESSION_DURATION = 3600;
    static final int MAX_SESSION_DURATION = 43200;

    @AggregateIdentifier
    private String id;
    private RoleRef ref;
    private boolean live;
    private String roleId;
    private String description;
    private int maxSessionDuration;
    private final Set<String> policyNames = new HashSet<>();
    private Map<String, String> tags = Map.of();

    protected Role() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateRole command) {
        RoleRef role = command.role();
        if (live) {
            throw IamErrors.entityAlreadyExists("Role with name " + role.roleName() + " already exists.");
        }
        requireValidDuration(command.maxSessionDuration());
        apply(new RoleCreated(role, command.path(), command.roleId(),
                "arn:aws:iam::" + role.account().value() + ":role" + command.path() + role.roleName(),
                command.trustPolicy(), command.description(), command.maxSessionDuration(), command.at(), command.trustPrincipalIds()));
        tag(command.tags());
    }

    @CommandHandler
    public void handle(UpdateAssumeRolePolicy command) {
        requireLive();
        apply(new TrustPolicyUpdated(ref, command.trustPolicy(), command.trustPrincipalIds(), command.at()));
    }

    @CommandHandler
    public void handle(UpdateRole command) {
        requireLive();
        int duration = command.maxSessionDuration() == null ? maxSessionDuration : command.maxSessionDuration();
        requireValidDuration(duration);
        apply(new RoleUpdated(ref, command.description() == null ? description : command.description(), duration));
    }

    @CommandHandler
    public void handle(SetRolePermissionsBoundary command) {
        requireLive();
        apply(new RolePermissionsBoundarySet(ref, command.policyArn()));
    }

    @CommandHandler
    public void handle(PutRolePolicy command) {
        requireLive();
        apply(new RolePolicyPut(ref, command.policyName(), command.policyDocument()));
    }

    @CommandHandler
    public void handle(DeleteRolePolicy command) {
        requireLive();
        if (!policyNames.contains(command.policyName())) {
            throw IamErrors.inlinePolicyNotFound("role", command.policyName());
        }
        apply(new RolePolicyDeleted(ref, command.policyName()));
    }

    @CommandHandler
    public void handle(DeleteRole command) {
        requireLive();
        if (!policyNames.isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
        }
        apply(new RoleDeleted(ref, roleId, command.at()));
    }

    @CommandHandler
    public void handle(TagRole command) {
        requireLive();
        tag(command.tags());
    }

    private void tag(Map<String, String> added) {
        Tagging.additions(tags, added, "TagsPerRole").ifPresent(additions -> apply(new RoleTagged(ref, additions)));
    }

    @CommandHandler
    public void handle(UntagRole command) {
        requireLive();
        Tagging.removals(tags, command.tagKeys()).ifPresent(keys -> apply(new RoleUntagged(ref, keys)));
    }

    private static void requireValidDuration(int seconds) {
        if (seconds < MIN_SESSION_DURATION || seconds > MAX_SESSION_DURATION) {
            throw AwsServiceException.validation("1 validation error detected: Value '" + seconds
                    + "' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between "
                    + MIN_SESSION_DURATION + " and " + MAX_SESSION_DURATION);
        }
    }

    private void requireLive() {
        if (!live) {
            throw IamErrors.roleNotFound(ref.roleName());
        }
    }

    @EventSourcingHandler
    void on(RoleCreated event) {
        this.id = event.role().toString();
        this.ref = event.role();
        this.roleId = event.roleId();
        this.description = event.description();
        this.maxSessionDuration = event.maxSessionDuration();
        this.live = true;
    }

    @EventSourcingHandler
    void on(RoleUpdated event) {
        this.description = event.description();
        this.maxSessionDuration = event.maxSessionDuration();
    }

    @EventSourcingHandler
    void on(RolePolicyPut event) {
        policyNames.add(event.policyName());
    }

    @EventSourcingHandler
    void on(RolePolicyDeleted event) {
        policyNames.remove(event.policyName());
    }

    @EventSourcingHandler
    void on(RoleDeleted event) {
        live = false;
        tags = Map.of();
    }

    @EventSourcingHandler
    void on(RoleTagged event) {
        tags = Tagging.merged(tags, event.tags());
    }

    @EventSourcingHandler
    void on(RoleUntagged event) {
        tags = Tagging.without(tags, event.tagKeys());
    }
}
