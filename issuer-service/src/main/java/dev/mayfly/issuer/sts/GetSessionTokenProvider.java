package dev.mayfly.issuer.sts;

import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.mfa.MfaVerifier;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.sts.SessionIssuer.SessionCredentials;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GetSessionToken: temporary credentials for an IAM user or the root user, acting as that user. It needs no
 * permission (AWS does not let policies control it) and long-term credentials: a session cannot make another.
 * Default 12 hours (root: 1 hour, and at most 1 hour).
 */
final class GetSessionTokenProvider extends DeclaredAction {

    private final IdentityDirectory directory;
    private final Authorizer authorizer;
    private final SessionIssuer sessions;
    private final MfaVerifier mfa;

    GetSessionTokenProvider(IdentityDirectory directory, Authorizer authorizer, SessionIssuer sessions, MfaVerifier mfa) {
        super("GetSessionToken", AwsService.STS, true);
        this.directory = directory;
        this.authorizer = authorizer;
        this.sessions = sessions;
        this.mfa = mfa;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        Caller caller = context.caller();
        int duration = UserSessionDuration.of(caller, context.parameters());
        if (caller.session() != null) {
            throw AwsServiceException.accessDenied("Cannot call GetSessionToken with session credentials");
        }
        // no policy decides GetSessionToken, but a revoked key must not mint sessions that outlive its rule's time
        authorizer.refuseRevoked(caller, "sts:GetSessionToken", caller.arn());
        StsRegions.requireActive(directory, caller.accountId(), context.region());
        Instant mfaAuthenticatedAt = MfaProof.of(context, mfa);
        authorizer.refuseQuarantined(caller.accountId().value(), List.of(caller.arn()), "sts:GetSessionToken", caller.arn());
        SessionCredentials credentials = sessions.userSession(caller, context.now(), duration, mfaAuthenticatedAt);
        var claims = credentials.claims();
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("accessKeyId", claims.accessKeyId());
        recorded.put("expiration", claims.expiration().toString());
        return new ActionResult(xml -> xml.start("Credentials").element("AccessKeyId", claims.accessKeyId())
                .element("SecretAccessKey", claims.secretAccessKey()).element("SessionToken", credentials.sessionToken())
                .element("Expiration", claims.expiration()).end(), Map.of("credentials", recorded), List.of());
    }

}
