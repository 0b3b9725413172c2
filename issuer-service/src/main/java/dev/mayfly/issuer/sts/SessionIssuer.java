package dev.mayfly.issuer.sts;

import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.issuer.credentials.CredentialIds;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.token.SessionClaims;
import dev.mayfly.token.SessionClaims.PrincipalType;
import dev.mayfly.token.SessionTokenSealer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Mints temporary credentials: a fresh ASIA key id and secret, sealed into the session token with the session's claims. */
public final class SessionIssuer {

    private final SessionTokenSealer sealer;

    public SessionIssuer(SessionTokenSealer sealer) {
        this.sealer = sealer;
    }

    /** Credentials as STS returns them: the secret and token appear only in the response. */
    public record SessionCredentials(SessionClaims claims, String sessionToken) {

        /** Never prints the secret or the token. */
        @Override
        public String toString() {
            return "SessionCredentials[" + claims + "]";
        }
    }

    /** GetSessionToken: temporary credentials that act as the caller itself (an IAM user or the root user). */
    public SessionCredentials userSession(Caller caller, Instant now, int durationSeconds, Instant mfaAuthenticatedAt) {
        return issue(caller.accountId().value(), caller.type() == Caller.Type.ROOT ? PrincipalType.ROOT_SESSION : PrincipalType.IAM_USER_SESSION,
                caller.arn(), caller.principalId(), caller.arn(), now, durationSeconds, null, SessionScope.none().withMfa(mfaAuthenticatedAt), null,
                caller.sourceAccessKeyId());
    }

    /** GetFederationToken: a federated user of the caller's account, with the caller's permissions bounded by the session policies. */
    SessionCredentials federatedUser(Caller caller, String name, Instant now, int durationSeconds, SessionScope scope) {
        String account = caller.accountId().value();
        return issue(account, PrincipalType.FEDERATED_USER, "arn:aws:sts::" + account + ":federated-user/" + name, account + ":" + name,
                caller.arn(), now, durationSeconds, null, scope, null, caller.sourceAccessKeyId());
    }

    /**
     * AssumeRole*: a session of the role, bounded by the scope's session policies and labelled with its tags.
     *
     * @param federatedProvider the OIDC or SAML provider's ARN when one vouched for the caller, else null
     * @param sourceAccessKeyId the long-term key behind the caller ({@link Caller#sourceAccessKeyId()}), else null
     */
    SessionCredentials assumedRole(RoleView role, String sessionName, Instant now, int durationSeconds, String sourceIdentity,
                                   SessionScope scope, String federatedProvider, String sourceAccessKeyId) {
        return issue(role.accountId().value(), PrincipalType.ASSUMED_ROLE,
                "arn:aws:sts::" + role.accountId().value() + ":assumed-role/" + role.roleName() + "/" + sessionName,
                role.roleId() + ":" + sessionName, role.arn(), now, durationSeconds, sourceIdentity, scope, federatedProvider,
                sourceAccessKeyId);
    }

    private SessionCredentials issue(String account, PrincipalType type, String arn, String principalId, String issuerArn, Instant now,
                                     int durationSeconds, String sourceIdentity, SessionScope scope,
                                     String federatedProvider, String sourceAccessKeyId) {
        Instant issuedAt = now.truncatedTo(ChronoUnit.MILLIS);
        SessionClaims claims = new SessionClaims(CredentialIds.sessionAccessKeyId(account), CredentialIds.secretAccessKey(), account, type,
                arn, principalId, issuerArn, issuedAt, issuedAt.plusSeconds(durationSeconds).truncatedTo(ChronoUnit.SECONDS),
                sourceIdentity, scope.policy(), scope.policyArns(), scope.tags(), scope.transitiveTagKeys(), scope.mfaAuthenticatedAt(),
                federatedProvider, sourceAccessKeyId);
        return new SessionCredentials(claims, sealer.seal(claims));
    }
}
