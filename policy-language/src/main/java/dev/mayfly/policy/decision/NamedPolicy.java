package dev.mayfly.policy.decision;

import dev.mayfly.policy.PolicyDocument;

/**
 * A policy with what a refusal calls it when it decides ("inline policy p of role r", a managed policy's ARN).
 *
 * @param label    how an explanation names the policy
 * @param document the parsed policy
 */
public record NamedPolicy(String label, PolicyDocument document) {
}
