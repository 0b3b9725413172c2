package dev.mayfly.issuer.api;

import dev.mayfly.contract.AccountScoped;
import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Events of customer-managed policies, and of the attachments of AWS-managed policies. */
public final class PolicyEvents {

    private PolicyEvents() {
    }

    /** A new policy, whose document is version v1, the default. */
    public record PolicyCreated(PolicyRef policy, String path, String policyId, String arn, String document, String description,
                                Instant createdAt) implements AccountScoped {
        @Override
        public String accountId() {
            return policy.account().value();
        }
    }

    public record PolicyVersionCreated(PolicyRef policy, String versionId, String document, boolean isDefault, Instant createdAt)
            implements AccountScoped {
        @Override
        public String accountId() {
            return policy.account().value();
        }
    }

    public record PolicyAttached(PolicyRef policy, EntityType entityType, String entityName) implements AccountScoped {
        @Override
        public String accountId() {
            return policy.account().value();
        }
    }

    public record PolicyDetached(PolicyRef policy, EntityType entityType, String entityName) implements AccountScoped {
        @Override
        public String accountId() {
            return policy.account().value();
        }
    }

    /** An AWS-managed policy attached to a user, role or group of the account. */
    public record AwsPolicyAttached(AwsPolicyRef policy, EntityType entityType, String entityName) implements AccountScoped {
        @Override
        public String accountId() {
            return policy.account().value();
        }
    }

    public record AwsPolicyDetached(AwsPolicyRef policy, EntityType entityType, String entityName) implements AccountScoped {
        @Override
        public String accountId() {
            return policy.account().value();
        }
    }

    public record DefaultPolicyVersionSet(PolicyRef policy, String versionId, Instant changedAt) implements AccountScoped {
        @Override
        public String accountId() {
            return policy.account().value();
        }
    }

    public record PolicyVersionDeleted(PolicyRef policy, String versionId) implements AccountScoped {
        @Override
        public String accountId() {
            return policy.account().value();
        }
    }

    public record PolicyTagged(PolicyRef policy, Map<String, String> tags) implements AccountScoped {
        @Override
        public String accountId() {
            return policy.account().value();
        }
    }

    public record PolicyUntagged(PolicyRef policy, List<String> tagKeys) implements AccountScoped {
        @Override
        public String accountId() {
            return policy.account().value();
        }
    }

    public record PolicyDeleted(PolicyRef policy, String policyId, Instant deletedAt) implements AccountScoped {
        @Override
        public String accountId() {
            return policy.account().value();
        }
    }
}
