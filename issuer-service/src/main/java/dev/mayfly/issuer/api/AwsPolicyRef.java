package dev.mayfly.issuer.api;

/**
 * An AWS-managed policy as one account uses it: the policy is AWS's and the same for everyone, but what it is attached
 * to is the account's. One stream per account and policy ARN (AWS's ARNs are unique, path included).
 *
 * @param arn arn:aws:iam::aws:policy/..., as AWS spells it
 */
public record AwsPolicyRef(AccountId account, String arn) {

    /** What follows arn:aws:iam::aws:policy in the aggregate identifier: the path and the name. */
    private static final String PREFIX = "arn:aws:iam::aws:policy";
    /** What marks an AWS-managed policy's attachments apart from a customer-managed policy's ("ACCOUNT:policy/NAME"). */
    public static final String KIND = ":aws-policy";

    /** The aggregate identifier: ACCOUNT:aws-policy/PATH/NAME. */
    @Override
    public String toString() {
        return account.value() + KIND + arn.substring(PREFIX.length());
    }

    /** The ARN an aggregate identifier of this kind names; null for another kind's identifier. */
    public static String arnOf(String aggregateId) {
        int at = aggregateId.indexOf(KIND + "/");
        return at < 0 ? null : PREFIX + aggregateId.substring(at + KIND.length());
    }
}
