package dev.mayfly.issuer.api;

import dev.mayfly.contract.AccountScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Events of IAM roles. */
public final class RoleEvents {

    private RoleEvents() {
    }

    public record RoleCreated(RoleRef role, String path, String roleId, String arn, String trustPolicy, String description,
                              int maxSessionDuration, Instant createdAt) implements AccountScoped {
        @Override
        public String accountId() {
            return role.account().value();
        }
    }

    public record TrustPolicyUpdated(RoleRef role, String trustPolicy) implements AccountScoped {
        @Override
        public String accountId() {
            return role.account().value();
        }
    }

    /** policyArn null: the boundary was removed. */
    public record RolePermissionsBoundarySet(RoleRef role, String policyArn) implements AccountScoped {
        @Override
        public String accountId() {
            return role.account().value();
        }
    }

    public record RolePolicyPut(RoleRef role, String policyName, String policyDocument) implements AccountScoped {
        @Override
        public String accountId() {
            return role.account().value();
        }
    }

    public record RolePolicyDeleted(RoleRef role, String policyName) implements AccountScoped {
        @Override
        public String accountId() {
            return role.account().value();
        }
    }

    /** The role's description and session limit after an UpdateRole. */
    public record RoleUpdated(RoleRef role, String description, int maxSessionDuration) implements AccountScoped {
        @Override
        public String accountId() {
            return role.account().value();
        }
    }

    public record RoleDeleted(RoleRef role, String roleId, Instant deletedAt) implements AccountScoped {
        @Override
        public String accountId() {
            return role.account().value();
        }
    }

    public record RoleTagged(RoleRef role, Map<String, String> tags) implements AccountScoped {
        @Override
        public String accountId() {
            return role.account().value();
        }
    }

    public record RoleUntagged(RoleRef role, List<String> tagKeys) implements AccountScoped {
        @Override
        public String accountId() {
            return role.account().value();
        }
    }
}
