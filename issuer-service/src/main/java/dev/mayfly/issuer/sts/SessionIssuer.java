package dev.mayfly.issuer.sts;

import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.issuer.credentials.CredentialIds;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.token.SessionClaims;
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
    public SessionCredentials userSession(Caller caller, Instant now, int durationSeconds) {
        Instant issuedAt = now.truncatedTo(ChronoUnit.MILLIS);
        SessionClaims claims = new SessionClaims(CredentialIds.sessionAccessKeyId(), CredentialIds.secretAccessKey(),
                caller.accountId().value(), caller.type() == Caller.Type.ROOT ? SessionClaims.PrincipalType.ROOT_SESSION
                : SessionClaims.PrincipalType.IAM_USER_SESSION, caller.arn(), caller.principalId(), caller.arn(), issuedAt,
                issuedAt.plusSeconds(durationSeconds).truncatedTo(ChronoUnit.SECONDS), null, null);
        return new SessionCredentials(claims, sealer.seal(claims));
    }

    /** GetFederationToken: a federated user of the caller's account, with the caller's permissions bounded by the session policy. */
    public SessionCredentials federatedUser(Caller caller, String name, Instant now, int durationSeconds, String sessionPolicy) {
        Instant issuedAt = now.truncatedTo(ChronoUnit.MILLIS);
        String account = caller.accountId().value();
        SessionClaims claims = new SessionClaims(CredentialIds.sessionAccessKeyId(), CredentialIds.secretAccessKey(), account,
                SessionClaims.PrincipalType.FEDERATED_USER, "arn:aws:sts::" + account + ":federated-user/" + name,
                account + ":" + name, caller.arn(), issuedAt, issuedAt.plusSeconds(durationSeconds).truncatedTo(ChronoUnit.SECONDS),
                null, sessionPolicy);
        return new SessionCredentials(claims, sealer.seal(claims));
    }

    /** @param sessionPolicy an inline session policy that bounds the session's permissions, or null */
    public SessionCredentials assumedRole(RoleView role, String sessionName, Instant now, int durationSeconds, String sourceIdentity,
                                          String sessionPolicy) {
        Instant issuedAt = now.truncatedTo(ChronoUnit.MILLIS);
        SessionClaims claims = new SessionClaims(CredentialIds.sessionAccessKeyId(), CredentialIds.secretAccessKey(),
                role.accountId().value(), SessionClaims.PrincipalType.ASSUMED_ROLE,
                "arn:aws:sts::" + role.accountId().value() + ":assumed-role/" + role.roleName() + "/" + sessionName,
                role.roleId() + ":" + sessionName, role.arn(), issuedAt,
                issuedAt.plusSeconds(durationSeconds).truncatedTo(ChronoUnit.SECONDS), sourceIdentity, sessionPolicy);
        return new SessionCredentials(claims, sealer.seal(claims));
    }
}
