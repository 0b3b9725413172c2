/**
 * The IAM policy language: documents parsed and validated on write, and evaluated against a request
 * context (action, resource, principal, condition keys).
 *
 * <p>Owns: syntax, matching and the decision of one document, and the combination of several documents
 * ({@link dev.mayfly.policy.Decision#combine}, {@link dev.mayfly.policy.Evaluation}). Must not touch: where policies
 * are stored or which ones apply to a caller (the {@code decision} package's job), and any framework.
 */
package dev.mayfly.policy;
