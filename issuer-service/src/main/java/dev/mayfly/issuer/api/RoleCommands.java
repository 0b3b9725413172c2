package dev.mayfly.issuer.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on IAM roles. */
public final class RoleCommands {

    private RoleCommands() {
    }

    /** @param trustPrincipalIds the unique id of each user and role the trust policy names, by ARN ({@link RoleEvents.RoleCreated}) */
    public record CreateRole(@TargetAggregateIdentifier RoleRef role, String path, String roleId, String trustPolicy,
                             Map<String, String> trustPrincipalIds, String description, int maxSessionDuration,
                             Map<String, String> tags, Instant at) {
    }

    /** @param trustPrincipalIds the unique id of each user and role the trust policy names, by ARN */
    public record UpdateAssumeRolePolicy(@TargetAggregateIdentifier RoleRef role, String trustPolicy, Map<String, String> trustPrincipalIds,
                                         java.time.Instant at) {
    }

    /** Sets (an ARN) or removes (null) the managed policy that bounds the role's permissions. */
    public record SetRolePermissionsBoundary(@TargetAggregateIdentifier RoleRef role, String policyArn) {
    }

    public record PutRolePolicy(@TargetAggregateIdentifier RoleRef role, String policyName, String policyDocument) {
    }

    public record DeleteRolePolicy(@TargetAggregateIdentifier RoleRef role, String policyName) {
    }

    /** UpdateRole: a null description or duration leaves that setting as it is. */
    public record UpdateRole(@TargetAggregateIdentifier RoleRef role, String description, Integer maxSessionDuration) {
    }

    /** Refused while the role has inline policies; a role of the same name may be created afterwards. */
    public record DeleteRole(@TargetAggregateIdentifier RoleRef role, Instant at) {
    }

    /** Adds tags, replacing those whose keys differ only in case; at most 50 per role. */
    public record TagRole(@TargetAggregateIdentifier RoleRef role, Map<String, String> tags) {
    }

    /** Removes the tags with these keys (without regard to case); unknown keys are ignored. */
    public record UntagRole(@TargetAggregateIdentifier RoleRef role, List<String> tagKeys) {
    }
}
