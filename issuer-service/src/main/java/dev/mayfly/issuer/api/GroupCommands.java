package dev.mayfly.issuer.api;

import java.time.Instant;
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
}
