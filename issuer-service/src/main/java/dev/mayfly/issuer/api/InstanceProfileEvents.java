package dev.mayfly.issuer.api;

import dev.mayfly.contract.AccountScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Events of IAM instance profiles. */
public final class InstanceProfileEvents {

    private InstanceProfileEvents() {
    }

    public record InstanceProfileCreated(InstanceProfileRef instanceProfile, String path, String instanceProfileId, String arn,
                                         Instant createdAt) implements AccountScoped {
        @Override
        public String accountId() {
            return instanceProfile.account().value();
        }
    }

    /** @param roleName the role's name as IAM spells it */
    public record RoleAddedToInstanceProfile(InstanceProfileRef instanceProfile, String roleName) implements AccountScoped {
        @Override
        public String accountId() {
            return instanceProfile.account().value();
        }
    }

    public record RoleRemovedFromInstanceProfile(InstanceProfileRef instanceProfile, String roleName) implements AccountScoped {
        @Override
        public String accountId() {
            return instanceProfile.account().value();
        }
    }

    public record InstanceProfileDeleted(InstanceProfileRef instanceProfile, String instanceProfileId, Instant deletedAt)
            implements AccountScoped {
        @Override
        public String accountId() {
            return instanceProfile.account().value();
        }
    }

    public record InstanceProfileTagged(InstanceProfileRef instanceProfile, Map<String, String> tags) implements AccountScoped {
        @Override
        public String accountId() {
            return instanceProfile.account().value();
        }
    }

    public record InstanceProfileUntagged(InstanceProfileRef instanceProfile, List<String> tagKeys) implements AccountScoped {
        @Override
        public String accountId() {
            return instanceProfile.account().value();
        }
    }
}
