package dev.mayfly.policy;

/**
 * Who makes a request, as a resource-based policy (a role's trust policy) sees it.
 *
 * @param type       the Principal element's key that can name it: "AWS" for IAM principals and accounts, "Federated"
 *                   for an identity provider (web identity or SAML federation)
 * @param arn        the principal's ARN: a user, a role (for assumed-role sessions, the role), the account root, or the
 *                   identity provider that vouched for a federated caller
 * @param accountId  the principal's account
 * @param sessionArn for temporary credentials, the session's own ARN (arn:aws:sts::...:assumed-role/R/S or
 *                   :federated-user/N), which a policy may also name; otherwise null
 */
public record Principal(String type, String arn, String accountId, String sessionArn) {

    /** An IAM principal of an account. */
    public Principal(String arn, String accountId) {
        this("AWS", arn, accountId, null);
    }

    /** A session of a role (or a federated user of a user): seen as its role, and namable by its own ARN. */
    public static Principal session(String roleOrUserArn, String sessionArn, String accountId) {
        return new Principal("AWS", roleOrUserArn, accountId, sessionArn);
    }

    /** A caller vouched for by an identity provider of an account (an OIDC or SAML provider ARN). */
    public static Principal federated(String providerArn, String accountId) {
        return new Principal("Federated", providerArn, accountId, null);
    }
}
