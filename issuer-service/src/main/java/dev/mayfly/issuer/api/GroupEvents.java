package dev.mayfly.issuer.api;

import dev.mayfly.contract.AccountScoped;
import java.time.Instant;

/** Events of IAM groups. */
public final class GroupEvents {

    private GroupEvents() {
    }

    public record GroupCreated(GroupRef group, String path, String groupId, String arn, Instant createdAt) implements AccountScoped {
        @Override
        public String accountId() {
            return group.account().value();
        }
    }

    public record UserAddedToGroup(GroupRef group, String userName) implements AccountScoped {
        @Override
        public String accountId() {
            return group.account().value();
        }
    }

    public record UserRemovedFromGroup(GroupRef group, String userName) implements AccountScoped {
        @Override
        public String accountId() {
            return group.account().value();
        }
    }

    public record GroupPolicyPut(GroupRef group, String policyName, String policyDocument) implements AccountScoped {
        @Override
        public String accountId() {
            return group.account().value();
        }
    }

    public record GroupPolicyDeleted(GroupRef group, String policyName) implements AccountScoped {
        @Override
        public String accountId() {
            return group.account().value();
        }
    }

    public record GroupDeleted(GroupRef group, String groupId, Instant deletedAt) implements AccountScoped {
        @Override
        public String accountId() {
            return group.account().value();
        }
    }

    /** The group's new path and the ARN it makes. */
    public record GroupPathChanged(GroupRef group, String path, String arn) implements AccountScoped {
        @Override
        public String accountId() {
            return group.account().value();
        }
    }
}
