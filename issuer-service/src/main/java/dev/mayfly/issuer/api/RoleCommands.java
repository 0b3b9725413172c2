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

    public record PutRolePolicy(@TargetAggregateIdentifier RoleRef role, String policyName, String policyDocument) {
    }
}
