package dev.mayfly.issuer.api;

import java.time.Instant;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on IAM groups. */
public final class GroupCommands {

    private GroupCommands() {
    }

    public record CreateGroup(@TargetAggregateIdentifier GroupRef group, String path, String groupId, Instant at) {
    }

    public record AddUserToGroup(@TargetAggregateIdentifier GroupRef group, String userName) {
    }

    public record RemoveUserFromGroup(@TargetAggregateIdentifier GroupRef group, String userName) {
    }

    public record PutGroupPolicy(@TargetAggregateIdentifier GroupRef group, String policyName, String policyDocument) {
    }

    public record DeleteGroupPolicy(@TargetAggregateIdentifier GroupRef group, String policyName) {
    }

    /** Refused while the group has members or inline policies. */
    public record DeleteGroup(@TargetAggregateIdentifier GroupRef group, Instant at) {
    }

    /** UpdateGroup's NewPath: the group's path, and so its ARN; nothing when it is the path the group has. */
    public record UpdateGroupPath(@TargetAggregateIdentifier GroupRef group, String path) {
    }

    /**
     * UpdateGroup's NewGroupName, second of two: the group takes its new name in that name's stream, with what it had
     * (EntityAlreadyExists when a live group has the name). Not for a change of case only, which stays in one stream.
     */
    public record ReceiveRenamedGroup(@TargetAggregateIdentifier GroupRef group, GroupRef from, String path, String groupId,
                                      Set<String> members, Set<String> policyNames, Instant createdAt) {
    }

    /**
     * UpdateGroup's NewGroupName, first of two: the group leaves its old name, which is free from then on, and answers
     * what it had ({@link GroupHandover}) for {@link ReceiveRenamedGroup}, sent in the same transaction.
     */
    public record RenameGroup(@TargetAggregateIdentifier GroupRef group, GroupRef to, String path) {
    }

    /** What a renamed group takes to its new name's stream: its id, its members (case-folded) and its inline policies' names. */
    public record GroupHandover(String groupId, Set<String> members, Set<String> policyNames) {
        public GroupHandover {
            members = Set.copyOf(members);
            policyNames = Set.copyOf(policyNames);
        }
    }
}
