package dev.mayfly.issuer.api;

import dev.mayfly.contract.AccountScoped;
import java.time.Instant;
import java.util.Set;

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

    /**
     * The first event of a group's stream under a new name: what the group had under its old one. The directory follows
     * {@link GroupRenamed}; this one is the new stream's own record of the group.
     */
    public record GroupRenamedFrom(GroupRef group, GroupRef from, String path, String groupId, String arn, Set<String> members,
                                   Set<String> policyNames, Instant createdAt) implements AccountScoped {
        public GroupRenamedFrom {
            members = Set.copyOf(members);
            policyNames = Set.copyOf(policyNames);
        }

        @Override
        public String accountId() {
            return group.account().value();
        }
    }

    /** The group took a new name (and path, and so ARN), keeping its id, members and policies. */
    public record GroupRenamed(GroupRef group, GroupRef to, String path, String arn) implements AccountScoped {
        @Override
        public String accountId() {
            return group.account().value();
        }
    }
}
