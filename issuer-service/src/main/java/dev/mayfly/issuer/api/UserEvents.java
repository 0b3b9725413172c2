package dev.mayfly.issuer.api;

import dev.mayfly.contract.AccountScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Events of IAM users. */
public final class UserEvents {

    private UserEvents() {
    }

    public record UserCreated(UserRef user, String path, String userId, String arn, Instant createdAt) implements AccountScoped {
        @Override
        public String accountId() {
            return user.account().value();
        }
    }

    public record AccessKeyCreated(UserRef user, String accessKeyId, Instant createdAt) implements AccountScoped {
        @Override
        public String accountId() {
            return user.account().value();
        }
    }

    public record AccessKeyStatusChanged(UserRef user, String accessKeyId, boolean active, Instant changedAt) implements AccountScoped {
        @Override
        public String accountId() {
            return user.account().value();
        }
    }

    public record AccessKeyDeleted(UserRef user, String accessKeyId, Instant deletedAt) implements AccountScoped {
        @Override
        public String accountId() {
            return user.account().value();
        }
    }

    /** policyArn null: the boundary was removed. */
    public record UserPermissionsBoundarySet(UserRef user, String policyArn) implements AccountScoped {
        @Override
        public String accountId() {
            return user.account().value();
        }
    }

    public record UserPolicyPut(UserRef user, String policyName, String policyDocument) implements AccountScoped {
        @Override
        public String accountId() {
            return user.account().value();
        }
    }

    public record UserPolicyDeleted(UserRef user, String policyName) implements AccountScoped {
        @Override
        public String accountId() {
            return user.account().value();
        }
    }

    public record UserDeleted(UserRef user, String userId, Instant deletedAt) implements AccountScoped {
        @Override
        public String accountId() {
            return user.account().value();
        }
    }

    public record UserTagged(UserRef user, Map<String, String> tags) implements AccountScoped {
        @Override
        public String accountId() {
            return user.account().value();
        }
    }

    public record UserUntagged(UserRef user, List<String> tagKeys) implements AccountScoped {
        @Override
        public String accountId() {
            return user.account().value();
        }
    }

    /** The user's new path and the ARN it makes. */
    public record UserPathChanged(UserRef user, String path, String arn) implements AccountScoped {
        @Override
        public String accountId() {
            return user.account().value();
        }
    }

    /**
     * The first event of a user's stream under a new name: what the user had under its old one. The directory follows
     * {@link UserRenamed}; this one is the new stream's own record of the user (its keys' ids, never their secrets).
     */
    public record UserRenamedFrom(UserRef user, UserRef from, String path, String userId, String arn, Map<String, Boolean> accessKeys,
                                  Set<String> policyNames, Map<String, String> tags, Instant createdAt) implements AccountScoped {
        @Override
        public String accountId() {
            return user.account().value();
        }
    }

    /** The user took a new name (and path, and so ARN), keeping its id, keys, policies, groups and MFA devices. */
    public record UserRenamed(UserRef user, UserRef to, String path, String arn) implements AccountScoped {
        @Override
        public String accountId() {
            return user.account().value();
        }
    }
}
