package dev.mayfly.issuer.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.mayfly.issuer.api.GroupCommands.AddUserToGroup;
import dev.mayfly.issuer.api.GroupCommands.CreateGroup;
import dev.mayfly.issuer.api.GroupCommands.PutGroupPolicy;
import dev.mayfly.issuer.api.GroupCommands.RemoveUserFromGroup;
import dev.mayfly.issuer.api.GroupEvents.GroupCreated;
import dev.mayfly.issuer.api.GroupEvents.GroupPolicyPut;
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
 * nothing, as IAM answers both with success.
 */
public class Group {

    @AggregateIdentifier
    private String id;
    private GroupRef ref;
    private final Set<String> members = new HashSet<>();

    protected Group() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public void handle(CreateGroup command) {
        GroupRef group = command.group();
        apply(new GroupCreated(group, command.path(), command.groupId(),
                "arn:aws:iam::" + group.account().value() + ":group" + command.path() + group.groupName(), command.at()));
    }

    @CommandHandler
    public void handle(AddUserToGroup command) {
        if (!members.contains(command.userName().toLowerCase(Locale.ROOT))) {
            apply(new UserAddedToGroup(ref, command.userName()));
        }
    }

    @CommandHandler
    public void handle(RemoveUserFromGroup command) {
        if (!members.contains(command.userName().toLowerCase(Locale.ROOT))) {
            throw IamErrors.noSuchEntity("The user with name " + command.userName() + " cannot be found in group " + ref.groupName() + ".");
        }
        apply(new UserRemovedFromGroup(ref, command.userName()));
    }

    @CommandHandler
    public void handle(PutGroupPolicy command) {
        apply(new GroupPolicyPut(ref, command.policyName(), command.policyDocument()));
    }

    @EventSourcingHandler
    void on(GroupCreated event) {
        this.id = event.group().toString();
        this.ref = event.group();
    }

    @EventSourcingHandler
    void on(UserAddedToGroup event) {
        members.add(event.userName().toLowerCase(Locale.ROOT));
    }

    @EventSourcingHandler
    void on(UserRemovedFromGroup event) {
        members.remove(event.userName().toLowerCase(Locale.ROOT));
    }
}
