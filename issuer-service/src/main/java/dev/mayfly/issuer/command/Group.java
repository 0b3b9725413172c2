package dev.mayfly.issuer.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.mayfly.issuer.api.GroupCommands.AddUserToGroup;
import dev.mayfly.issuer.api.GroupCommands.CreateGroup;
import dev.mayfly.issuer.api.GroupCommands.DeleteGroup;
import dev.mayfly.issuer.api.GroupCommands.DeleteGroupPolicy;
import dev.mayfly.issuer.api.GroupCommands.GroupHandover;
import dev.mayfly.issuer.api.GroupCommands.PutGroupPolicy;
import dev.mayfly.issuer.api.GroupCommands.ReceiveRenamedGroup;
import dev.mayfly.issuer.api.GroupCommands.RemoveUserFromGroup;
import dev.mayfly.issuer.api.GroupCommands.RenameGroup;
import dev.mayfly.issuer.api.GroupCommands.UpdateGroupPath;
import dev.mayfly.issuer.api.GroupEvents.GroupCreated;
import dev.mayfly.issuer.api.GroupEvents.GroupDeleted;
import dev.mayfly.issuer.api.GroupEvents.GroupPathChanged;
import dev.mayfly.issuer.api.GroupEvents.GroupPolicyDeleted;
import dev.mayfly.issuer.api.GroupEvents.GroupPolicyPut;
import dev.mayfly.issuer.api.GroupEvents.GroupRenamed;
import dev.mayfly.issuer.api.GroupEvents.GroupRenamedFrom;
import dev.mayfly.issuer.api.GroupEvents.UserAddedToGroup;
import dev.mayfly.issuer.api.GroupEvents.UserRemovedFromGroup;
import dev.mayfly.issuer.api.GroupRef;
import dev.mayfly.issuer.api.IamErrors;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * An IAM group: its members and inline policies. Adding a member twice, or removing one who is not, changes
 * nothing, as IAM answers both with success. A group deleted and created again starts a new life.
 */
public class Group {

    @AggregateIdentifier
    private String id;
    private GroupRef ref;
    private boolean live;
    private String groupId;
    private String path;
    private final Set<String> members = new HashSet<>();
    private final Set<String> policyNames = new HashSet<>();

    protected Group() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateGroup command) {
        GroupRef group = command.group();
        if (live) {
            throw IamErrors.entityAlreadyExists("Group with name " + group.groupName() + " already exists.");
        }
        apply(new GroupCreated(group, command.path(), command.groupId(),
                "arn:aws:iam::" + group.account().value() + ":group" + command.path() + group.groupName(), command.at()));
    }

    @CommandHandler
    public void handle(AddUserToGroup command) {
        requireLive();
        if (!members.contains(command.userName().toLowerCase(Locale.ROOT))) {
            apply(new UserAddedToGroup(ref, command.userName()));
        }
    }

    @CommandHandler
    public void handle(RemoveUserFromGroup command) {
        requireLive();
        if (!members.contains(command.userName().toLowerCase(Locale.ROOT))) {
            throw IamErrors.noSuchEntity("The user with name " + command.userName() + " cannot be found in group " + ref.groupName() + ".");
        }
        apply(new UserRemovedFromGroup(ref, command.userName()));
    }

    @CommandHandler
    public void handle(PutGroupPolicy command) {
        requireLive();
        apply(new GroupPolicyPut(ref, command.policyName(), command.policyDocument()));
    }

    @CommandHandler
    public void handle(DeleteGroupPolicy command) {
        requireLive();
        if (!policyNames.contains(command.policyName())) {
            throw IamErrors.inlinePolicyNotFound("group", command.policyName());
        }
        apply(new GroupPolicyDeleted(ref, command.policyName()));
    }

    @CommandHandler
    public void handle(DeleteGroup command) {
        requireLive();
        if (!members.isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must remove users from group first.");
        }
        if (!policyNames.isEmpty()) {
            throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
        }
        apply(new GroupDeleted(ref, groupId, command.at()));
    }

    @CommandHandler
    public void handle(UpdateGroupPath command) {
        requireLive();
        if (!command.path().equals(path)) {
            apply(new GroupPathChanged(ref, command.path(),
                    "arn:aws:iam::" + ref.account().value() + ":group" + command.path() + ref.groupName()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReceiveRenamedGroup command) {
        if (live) {
            throw IamErrors.entityAlreadyExists("Group with name " + command.group().groupName() + " already exists.");
        }
        apply(new GroupRenamedFrom(command.group(), command.from(), command.path(), command.groupId(), arn(command.group(), command.path()),
                command.members(), command.policyNames(), command.createdAt()));
    }

    @CommandHandler
    public GroupHandover handle(RenameGroup command) {
        requireLive();
        GroupHandover handover = new GroupHandover(groupId, members, policyNames);
        apply(new GroupRenamed(ref, command.to(), command.path(), arn(command.to(), command.path())));
        return handover;
    }

    private static String arn(GroupRef group, String path) {
        return "arn:aws:iam::" + group.account().value() + ":group" + path + group.groupName();
    }

    private void requireLive() {
        if (!live) {
            throw IamErrors.groupNotFound(ref.groupName());
        }
    }

    @EventSourcingHandler
    void on(GroupCreated event) {
        this.id = event.group().toString();
        this.ref = event.group();
        this.groupId = event.groupId();
        this.path = event.path();
        this.live = true;
    }

    @EventSourcingHandler
    void on(GroupRenamedFrom event) {
        this.id = event.group().toString();
        this.ref = event.group();
        this.groupId = event.groupId();
        this.path = event.path();
        members.clear();
        members.addAll(event.members());
        policyNames.clear();
        policyNames.addAll(event.policyNames());
        this.live = true;
    }

    /** Renamed to a name of another stream: this one's group is gone and its name free; in case only: the same group. */
    @EventSourcingHandler
    void on(GroupRenamed event) {
        if (event.to().toString().equals(id)) {
            this.ref = event.to();
            this.path = event.path();
        } else {
            live = false;
            members.clear();
            policyNames.clear();
        }
    }

    @EventSourcingHandler
    void on(GroupPathChanged event) {
        this.path = event.path();
    }

    @EventSourcingHandler
    void on(UserAddedToGroup event) {
        members.add(event.userName().toLowerCase(Locale.ROOT));
    }

    @EventSourcingHandler
    void on(UserRemovedFromGroup event) {
        members.remove(event.userName().toLowerCase(Locale.ROOT));
    }

    @EventSourcingHandler
    void on(GroupPolicyPut event) {
        policyNames.add(event.policyName());
    }

    @EventSourcingHandler
    void on(GroupPolicyDeleted event) {
        policyNames.remove(event.policyName());
    }

    @EventSourcingHandler
    void on(GroupDeleted event) {
        live = false;
    }
}
