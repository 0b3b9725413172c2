package dev.mayfly.issuer.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on IAM roles. */
public final class RoleCommands {

    private RoleCommands() {
    }

    public record CreateRole(@TargetAggregateIdentifier RoleRef role, String path, String roleId, String trustPolicy,
                             String description, int maxSessionDuration, Instant at) {
    }

    public record UpdateAssumeRolePolicy(@TargetAggregateIdentifier RoleRef role, String trustPolicy) {
    }

    /** Sets (an ARN) or removes (null) the managed policy that bounds the role's permissions. */
    public record SetRolePermissionsBoundary(@TargetAggregateIdentifier RoleRef role, String policyArn) {
    }

    public record PutRolePolicy(@TargetAggregateIdentifier RoleRef role, String policyName, String policyDocument) {
    }
}
