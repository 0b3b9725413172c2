package dev.mayfly.issuer.api;

import dev.mayfly.contract.AccountScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Events of IAM roles. */
public final class RoleEvents {

    private RoleEvents() {
    }

    /**
     * @param trustPrincipalIds the unique id of each user and role the trust policy names by ARN, as they were when it was
     *                          stored: the policy names them, and not whoever holds the ARN later (as IAM binds them).
     *                          Empty in events stored before Mayfly bound them; their ARNs then match by name.
     */
    public record RoleCreated(RoleRef role, String path, String roleId, String arn, String trustPolicy, String description,
                              int maxSessionDuration, Instant createdAt, Map<String, String> trustPrincipalIds) implements AccountScoped {
        public RoleCreated {
            trustPrincipalIds = trustPrincipalIds == null ? Map.of() : Map.copyOf(trustPrincipalIds);
        }

        @Override
        public String accountId() {
            return role.account().value();
        }
    }

    /**
     * @param trustPrincipalIds as {@link RoleCreated}'s
     * @param updatedAt         when; null in events stored before Mayfly kept it (Access Analyzer's findings date them by it)
     */
    public record TrustPolicyUpdated(RoleRef role, String trustPolicy, Map<String, String> trustPrincipalIds, Instant updatedAt)
            implements AccountScoped {
        public TrustPolicyUpdated {
            trustPrincipalIds = trustPrincipalIds == null ? Map.of() : Map.copyOf(trustPrincipalIds);
        }

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
