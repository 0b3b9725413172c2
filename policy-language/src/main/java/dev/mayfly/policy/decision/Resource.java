package dev.mayfly.policy.decision;

import dev.mayfly.policy.PolicyDocument;

/**
 * What a request acts on: its ARN, the account it belongs to, and its resource-based policy.
 *
 * @param arn       the resource's ARN, or "*"
 * @param accountId the account that owns the resource; null when unknown, which the decision refuses (it never
 *                  guesses an owner: a guess of "the caller's own account" would open every account-less resource to
 *                  every tenant)
 * @param policy    its resource-based policy (a bucket policy, a role's trust policy), or null when it has none
 */
public record Resource(String arn, String accountId, PolicyDocument policy) {

    /**
     * A resource without a resource-based policy whose ARN names its account (arn:aws:sqs:us-east-1:111122223333:q). An
     * ARN that names none (arn:aws:s3:::bucket, "*") leaves the owner unknown.
     */
    public static Resource named(String arn) {
        return new Resource(arn, accountOf(arn), null);
    }

    /** The account field of an ARN (its fifth), or null when the ARN has none. */
    public static String accountOf(String arn) {
        String[] fields = arn.split(":", 6);
        return fields.length == 6 && fields[0].equals("arn") && !fields[4].isEmpty() ? fields[4] : null;
    }
}
