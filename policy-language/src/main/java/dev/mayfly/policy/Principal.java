package dev.mayfly.policy;

/**
 * Who makes a request, as a resource-based policy (a role's trust policy) sees it.
 *
 * @param type      the Principal element's key that can name it: "AWS" for IAM principals and accounts, "Federated"
 *                  for an identity provider (web identity or SAML federation)
 * @param arn       the principal's ARN: a user, a role (for assumed-role sessions, the role), the account root, or the
 *                  identity provider that vouched for a federated caller
 * @param accountId the principal's account
 */
public record Principal(String type, String arn, String accountId) {

    /** An IAM principal of an account. */
    public Principal(String arn, String accountId) {
        this("AWS", arn, accountId);
    }

    /** A caller vouched for by an identity provider of an account (an OIDC or SAML provider ARN). */
    public static Principal federated(String providerArn, String accountId) {
        return new Principal("Federated", providerArn, accountId);
    }
}
