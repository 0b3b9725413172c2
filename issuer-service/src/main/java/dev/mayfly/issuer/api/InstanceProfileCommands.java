package dev.mayfly.issuer.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on IAM instance profiles. */
public final class InstanceProfileCommands {

    private InstanceProfileCommands() {
    }

    public record CreateInstanceProfile(@TargetAggregateIdentifier InstanceProfileRef instanceProfile, String path,
                                        String instanceProfileId, Map<String, String> tags, Instant at) {
    }

    /** Refused while the profile has a role: IAM allows one role per instance profile. */
    public record AddRoleToInstanceProfile(@TargetAggregateIdentifier InstanceProfileRef instanceProfile, String roleName) {
    }

    /** Refused when the profile does not hold that role (names compared without regard to case). */
    public record RemoveRoleFromInstanceProfile(@TargetAggregateIdentifier InstanceProfileRef instanceProfile, String roleName) {
    }

    /** Refused while the profile has a role; a profile of the same name may be created afterwards. */
    public record DeleteInstanceProfile(@TargetAggregateIdentifier InstanceProfileRef instanceProfile, Instant at) {
    }

    /** Adds tags, replacing those whose keys differ only in case; at most 50 per instance profile. */
    public record TagInstanceProfile(@TargetAggregateIdentifier InstanceProfileRef instanceProfile, Map<String, String> tags) {
    }

    /** Removes the tags with these keys (without regard to case); unknown keys are ignored. */
    public record UntagInstanceProfile(@TargetAggregateIdentifier InstanceProfileRef instanceProfile, List<String> tagKeys) {
    }
}
