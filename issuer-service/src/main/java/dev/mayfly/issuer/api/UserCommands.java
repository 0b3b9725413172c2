package dev.mayfly.issuer.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on IAM users. */
public final class UserCommands {

    private UserCommands() {
    }

    public record CreateUser(@TargetAggregateIdentifier UserRef user, String path, String userId, Map<String, String> tags, Instant at) {
    }

    /** Adds an access key whose secret is already sealed in the vault; a user has at most two. */
    public record CreateAccessKey(@TargetAggregateIdentifier UserRef user, String accessKeyId, Instant at) {
    }

    /** Activates or deactivates a key; an inactive key signs nothing. */
    public record UpdateAccessKey(@TargetAggregateIdentifier UserRef user, String accessKeyId, boolean active, Instant at) {
    }

    public record DeleteAccessKey(@TargetAggregateIdentifier UserRef user, String accessKeyId, Instant at) {
    }

    /** Sets (an ARN) or removes (null) the managed policy that bounds the user's permissions. */
    public record SetUserPermissionsBoundary(@TargetAggregateIdentifier UserRef user, String policyArn) {
    }

    public record PutUserPolicy(@TargetAggregateIdentifier UserRef user, String policyName, String policyDocument) {
    }

    public record DeleteUserPolicy(@TargetAggregateIdentifier UserRef user, String policyName) {
    }

    /** Refused while the user has access keys or inline policies; a user of the same name may be created afterwards. */
    public record DeleteUser(@TargetAggregateIdentifier UserRef user, Instant at) {
    }

    /** Adds tags, replacing those whose keys differ only in case; at most 50 per user. */
    public record TagUser(@TargetAggregateIdentifier UserRef user, Map<String, String> tags) {
    }

    /** Removes the tags with these keys (without regard to case); unknown keys are ignored. */
    public record UntagUser(@TargetAggregateIdentifier UserRef user, List<String> tagKeys) {
    }

    /** UpdateUser's NewPath: the user's path, and so its ARN; nothing when it is the path the user has. */
    public record UpdateUserPath(@TargetAggregateIdentifier UserRef user, String path) {
    }

    /**
     * UpdateUser's NewUserName, first of two: the user leaves its old name, which is free from then on, and answers what
     * it had ({@link UserHandover}) for {@link ReceiveRenamedUser}, sent in the same transaction.
     */
    public record RenameUser(@TargetAggregateIdentifier UserRef user, UserRef to, String path) {
    }

    /** What a renamed user takes to its new name's stream: its id, its access keys (and whether each is active), policies and tags. */
    public record UserHandover(String userId, Map<String, Boolean> accessKeys, Set<String> policyNames, Map<String, String> tags) {
        public UserHandover {
            accessKeys = Collections.unmodifiableMap(new LinkedHashMap<>(accessKeys));
            policyNames = Set.copyOf(policyNames);
            tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        }
    }

    /**
     * UpdateUser's NewUserName, second of two: the user takes its new name in that name's stream, with what it had
     * (EntityAlreadyExists when a live user has the name). Not for a change of case only, which stays in one stream.
     */
    public record ReceiveRenamedUser(@TargetAggregateIdentifier UserRef user, UserRef from, String path, UserHandover handover,
                                     Instant createdAt) {
    }
}
