package dev.mayfly.policy;

/**
 * Who makes a request, as a resource-based policy (a role's trust policy) sees it.
 *
 * @param arn       the principal's ARN: a user, a role (for assumed-role sessions, the role), or the account root
 * @param accountId the principal's account
 */
public record Principal(String arn, String accountId) {
}
