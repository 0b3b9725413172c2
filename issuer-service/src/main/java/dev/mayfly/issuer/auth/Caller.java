package dev.mayfly.issuer.auth;

import dev.mayfly.contract.ApiCallRecorded.SessionContext;
import dev.mayfly.contract.ApiCallRecorded.SessionIssuer;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.Tagging;
import dev.mayfly.issuer.query.Views.UserView;
import dev.mayfly.policy.Principal;
import dev.mayfly.policy.decision.Requester;
import dev.mayfly.policy.decision.Requester.Kind;
import dev.mayfly.token.SessionClaims;
import java.util.Map;

/**
 * An authenticated caller.
 *
 * @param type        what kind of principal
 * @param accountId   its account
 * @param arn         its ARN as GetCallerIdentity reports it
 * @param principalId its unique id (GetCallerIdentity's UserId)
 * @param accessKeyId the key that signed the request
 * @param userName    for IAM users, the user name; otherwise null
 * @param session     for temporary credentials, the session's claims; otherwise null
 * @param principalTags the tags policies see as aws:PrincipalTag: a user's tags; for a session, its session tags over
 *                    the tags of its role (or of the user who asked for it)
 */
public record Caller(Type type, AccountId accountId, String arn, String principalId, String accessKeyId, String userName,
                     SessionClaims session, Map<String, String> principalTags) {

    public enum Type { ROOT, IAM_USER, ASSUMED_ROLE, FEDERATED_USER }

    static Caller root(AccountId accountId, String accessKeyId) {
        return new Caller(Type.ROOT, accountId, "arn:aws:iam::" + accountId.value() + ":root", accountId.value(),
                accessKeyId, null, null, Map.of());
    }

    static Caller user(UserView user, String accessKeyId) {
        return new Caller(Type.IAM_USER, user.accountId(), user.arn(), user.userId(), accessKeyId, user.userName(), null, user.tags());
    }

    /** The caller a session's claims describe: an assumed role, or (GetSessionToken) the user or root itself. */
    static Caller session(SessionClaims claims) {
        AccountId account = AccountId.of(claims.accountId());
        return switch (claims.principalType()) {
            case ASSUMED_ROLE -> new Caller(Type.ASSUMED_ROLE, account, claims.principalArn(), claims.principalId(),
                    claims.accessKeyId(), null, claims, claims.tags());
            case FEDERATED_USER -> new Caller(Type.FEDERATED_USER, account, claims.principalArn(), claims.principalId(),
                    claims.accessKeyId(), null, claims, claims.tags());
            case IAM_USER_SESSION -> new Caller(Type.IAM_USER, account, claims.principalArn(), claims.principalId(),
                    claims.accessKeyId(), claims.principalArn().substring(claims.principalArn().lastIndexOf('/') + 1), claims, claims.tags());
            case ROOT_SESSION -> new Caller(Type.ROOT, account, claims.principalArn(), claims.principalId(),
                    claims.accessKeyId(), null, claims, claims.tags());
        };
    }

    /**
     * The long-term key behind this caller: the key that signed the request, or the one that started its session (directly
     * or through role chaining); null when none did (web identity, SAML, workloads). A revocation rule that names the key
     * refuses the sessions it started too.
     */
    public String sourceAccessKeyId() {
        return session == null ? accessKeyId : session.sourceAccessKeyId();
    }

    /** This caller, with the tags its principal carries besides its session tags (session tags win). */
    Caller withPrincipalTags(Map<String, String> baseTags) {
        return new Caller(type, accountId, arn, principalId, accessKeyId, userName, session, Tagging.merged(baseTags, principalTags));
    }

    /**
     * Credentials from GetSessionToken: the user's (or root's) own identity, temporary. Without MFA they
     * may call no IAM action and, of STS, only AssumeRole and GetCallerIdentity.
     */
    public boolean isUserSession() {
        return session != null && (type == Type.IAM_USER || type == Type.ROOT);
    }

    /**
     * The principal a resource-based policy (a trust policy) sees: a role session is seen as its role (AWS matches a
     * role ARN in a Principal element against the role's sessions) and can also be named by its own ARN, as can a
     * federated user.
     */
    public Principal policyPrincipal() {
        return requester().principal();
    }

    /**
     * This caller as the access decision sees it: whose identity-based policies apply (an IAM user's own, a session's role
     * of the role id it was issued for, the user who asked for a federated user's token), and its session policies.
     */
    public Requester requester() {
        Kind kind = switch (type) {
            case ROOT -> Kind.ROOT;
            case IAM_USER -> Kind.USER;
            case ASSUMED_ROLE -> Kind.ROLE_SESSION;
            case FEDERATED_USER -> Kind.FEDERATED_USER;
        };
        return session == null ? Requester.of(kind, accountId.value(), arn, principalId, null, null, null)
                : Requester.of(kind, accountId.value(), arn, principalId, session.issuerArn(), session.sessionPolicy(),
                        session.sessionPolicyArns());
    }

    /** An assumed role's role id: its principal id is ROLEID:SESSIONNAME. */
    private String roleId() {
        return principalId.substring(0, principalId.indexOf(':'));
    }

    /** For GetSessionToken credentials, CloudTrail's sessionContext without an issuer; otherwise none. */
    private SessionContext userSessionContext() {
        return session == null ? null : new SessionContext(null, session.issuedAt(), mfaAuthenticated(), null);
    }

    private boolean mfaAuthenticated() {
        return session.mfaAuthenticatedAt() != null;
    }

    /** CloudTrail's userIdentity for this caller. */
    public UserIdentity userIdentity() {
        return switch (type) {
            case ROOT -> new UserIdentity("Root", principalId, arn, accountId.value(), accessKeyId, null, userSessionContext());
            case IAM_USER -> new UserIdentity("IAMUser", principalId, arn, accountId.value(), accessKeyId, userName, userSessionContext());
            case FEDERATED_USER -> {
                String issuer = session.issuerArn();
                boolean root = issuer.endsWith(":root");
                yield new UserIdentity("FederatedUser", principalId, arn, accountId.value(), accessKeyId, null,
                        new SessionContext(new SessionIssuer(root ? "Root" : "IAMUser", null, issuer, accountId.value(),
                                root ? null : issuer.substring(issuer.lastIndexOf('/') + 1)), session.issuedAt(), mfaAuthenticated(), null));
            }
            case ASSUMED_ROLE -> {
                String roleId = roleId();
                String roleName = session.issuerArn().substring(session.issuerArn().lastIndexOf('/') + 1);
                yield new UserIdentity("AssumedRole", principalId, arn, accountId.value(), accessKeyId, null,
                        new SessionContext(new SessionIssuer("Role", roleId, session.issuerArn(), accountId.value(), roleName),
                                session.issuedAt(), mfaAuthenticated(), session.sourceIdentity(), session.federatedProvider()));
            }
        };
    }
}
