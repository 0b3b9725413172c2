package dev.mayfly.issuer.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on customer-managed policies and their attachments, and on the attachments of AWS-managed policies. */
public final class PolicyCommands {

    private PolicyCommands() {
    }

    /** What a managed policy can be attached to. */
    public enum EntityType { USER, ROLE, GROUP }

    public record CreatePolicy(@TargetAggregateIdentifier PolicyRef policy, String path, String policyId, String document,
                               String description, Map<String, String> tags, Instant at) {
    }

    /** Adds tags, replacing those whose keys differ only in case; at most 50 per policy. */
    public record TagPolicy(@TargetAggregateIdentifier PolicyRef policy, Map<String, String> tags) {
    }

    /** Removes the tags with these keys (without regard to case); unknown keys are ignored. */
    public record UntagPolicy(@TargetAggregateIdentifier PolicyRef policy, List<String> tagKeys) {
    }

    public record CreatePolicyVersion(@TargetAggregateIdentifier PolicyRef policy, String document, boolean setAsDefault, Instant at) {
    }

    public record AttachPolicy(@TargetAggregateIdentifier PolicyRef policy, EntityType entityType, String entityName) {
    }

    public record DetachPolicy(@TargetAggregateIdentifier PolicyRef policy, EntityType entityType, String entityName) {
    }

    /** Attaches an AWS-managed policy to a user, role or group of the account; attaching twice changes nothing. */
    public record AttachAwsPolicy(@TargetAggregateIdentifier AwsPolicyRef policy, EntityType entityType, String entityName) {
    }

    /** Detaches an AWS-managed policy; NoSuchEntity when it is not attached to the entity. */
    public record DetachAwsPolicy(@TargetAggregateIdentifier AwsPolicyRef policy, EntityType entityType, String entityName) {
    }

    public record SetDefaultPolicyVersion(@TargetAggregateIdentifier PolicyRef policy, String versionId, Instant at) {
    }

    public record DeletePolicyVersion(@TargetAggregateIdentifier PolicyRef policy, String versionId) {
    }

    /** Refused while the policy is attached or has versions other than its default. */
    public record DeletePolicy(@TargetAggregateIdentifier PolicyRef policy, Instant at) {
    }
}
