package dev.mayfly.policy.decision;

import dev.mayfly.policy.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who makes a request, as a decision needs to know them.
 *
 * @param kind              what kind of principal
 * @param principal         the principal as resource-based policies see it; its account is the requester's account
 * @param owner             the ARN of the user or role whose identity-based policies and permissions boundary apply: the
 *                          user itself, the role of a session, the user who asked for a federated user's token; the
 *                          account root's ARN for the root user and for a federated user the root asked for
 * @param ownerId           the unique id the owner must still have, so that a user or role deleted and created again does
 *                          not lend its permissions to the sessions of the old one; null when not checked
 * @param sessionPolicy     the inline session policy (JSON, checked when the session was issued), or null
 * @param sessionPolicyArns the managed session policies' ARNs
 */
public record Requester(Kind kind, Principal principal, String owner, String ownerId, String sessionPolicy,
                        List<String> sessionPolicyArns) {

    /** What kind of principal asks. */
    public enum Kind { ROOT, USER, ROLE_SESSION, FEDERATED_USER }

    public Requester {
        sessionPolicyArns = sessionPolicyArns == null ? List.of() : List.copyOf(sessionPolicyArns);
    }

    /**
     * A requester from what its credentials say, for the issuer and the verifier alike: an IAM user (or its own
     * GetSessionToken session) acts with its own policies; a role session with its role's, of the role id its principal id
     * starts with; a federated user with those of the user who asked for its token; the root with its own permissions.
     *
     * @param arn         its ARN as GetCallerIdentity reports it
     * @param principalId its unique id as GetCallerIdentity reports it (a role session's is ROLEID:SESSIONNAME)
     * @param issuerArn   for a session, what it was issued for: its role, or the user (or root) who asked; otherwise null
     */
    public static Requester of(Kind kind, String accountId, String arn, String principalId, String issuerArn, String sessionPolicy,
                               List<String> sessionPolicyArns) {
        return switch (kind) {
            case ROOT -> new Requester(kind, new Principal(arn, accountId), arn, null, sessionPolicy, sessionPolicyArns);
            case USER -> new Requester(kind, Principal.user(arn, accountId, principalId), arn, principalId, sessionPolicy,
                    sessionPolicyArns);
            case ROLE_SESSION -> {
                String roleId = principalId.substring(0, principalId.indexOf(':'));
                yield new Requester(kind, Principal.session(issuerArn, arn, accountId, roleId), issuerArn, roleId, sessionPolicy,
                        sessionPolicyArns);
            }
            case FEDERATED_USER -> new Requester(kind, Principal.session(arn, arn, accountId, null), issuerArn, null, sessionPolicy,
                    sessionPolicyArns);
        };
    }

    /** The requester's account. */
    public String accountId() {
        return principal.accountId();
    }

    /**
     * The global condition keys that describe the requester, as AWS sets them: aws:PrincipalArn (for a role session, its
     * role), aws:PrincipalAccount, aws:PrincipalType, aws:userid, aws:username (IAM users only) and aws:PrincipalTag/KEY.
     * A mutable map, to add to.
     *
     * @param userId        its unique id as GetCallerIdentity reports it (AIDA..., AROA...:session, the account id)
     * @param principalTags the tags policies see as the principal's: a user's, or a session's over its role's
     */
    public Map<String, List<String>> conditionKeys(String userId, Map<String, String> principalTags) {
        Map<String, List<String>> keys = new HashMap<>();
        keys.put("aws:PrincipalArn", List.of(principal.arn()));
        keys.put("aws:PrincipalAccount", List.of(accountId()));
        keys.put("aws:userid", List.of(userId));
        keys.put("aws:PrincipalType", List.of(switch (kind) {
            case ROOT -> "Account";
            case USER -> "User";
            case ROLE_SESSION -> "AssumedRole";
            case FEDERATED_USER -> "FederatedUser";
        }));
        if (kind == Kind.USER) {
            keys.put("aws:username", List.of(principal.arn().substring(principal.arn().lastIndexOf('/') + 1)));
        }
        principalTags.forEach((key, value) -> keys.put("aws:PrincipalTag/" + key, List.of(value)));
        return keys;
    }

    /** Whether the account root's permissions, which are no policies, stand for the identity-based policies. */
    boolean actsWithRootPermissions() {
        return kind == Kind.ROOT || owner.endsWith(":root");
    }

    boolean hasSessionPolicies() {
        return sessionPolicy != null || !sessionPolicyArns.isEmpty();
    }
}
