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
 * @param uniqueId   the unique id of the IAM user, or of the role of a role session (AIDA..., AROA...), which a stored
 *                   policy names it by ({@link PolicyDocument#withPrincipalIds}); null for other principals
 */
public record Principal(String type, String arn, String accountId, String sessionArn, String uniqueId) {

    /** A principal no policy names by unique id: an account's root, a service. */
    public Principal(String type, String arn, String accountId, String sessionArn) {
        this(type, arn, accountId, sessionArn, null);
    }

    /** An account's root. */
    public Principal(String arn, String accountId) {
        this("AWS", arn, accountId, null);
    }

    /** An IAM user. */
    public static Principal user(String arn, String accountId, String userId) {
        return new Principal("AWS", arn, accountId, null, userId);
    }

    /**
     * A session of a role (or a federated user of a user): seen as its role, and namable by its own ARN.
     *
     * @param roleId the role's unique id; null for a federated user
     */
    public static Principal session(String roleOrUserArn, String sessionArn, String accountId, String roleId) {
        return new Principal("AWS", roleOrUserArn, accountId, sessionArn, roleId);
    }

    /** A caller vouched for by an identity provider of an account (an OIDC or SAML provider ARN). */
    public static Principal federated(String providerArn, String accountId) {
        return new Principal("Federated", providerArn, accountId, null);
    }
}
