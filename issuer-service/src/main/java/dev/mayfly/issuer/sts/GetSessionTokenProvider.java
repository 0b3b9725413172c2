package dev.mayfly.issuer.sts;

import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.sts.SessionIssuer.SessionCredentials;
import dev.mayfly.runtime.AwsServiceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GetSessionToken: temporary credentials for an IAM user or the root user, acting as that user. It needs no
 * permission (AWS does not let policies control it) and long-term credentials: a session cannot make another.
 * Default 12 hours (root: 1 hour, and at most 1 hour).
 */
public final class GetSessionTokenProvider extends DeclaredAction {

    private final SessionIssuer sessions;

    public GetSessionTokenProvider(SessionIssuer sessions) {
        super("GetSessionToken", AwsService.STS, true);
        this.sessions = sessions;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        Caller caller = context.caller();
        int duration = UserSessionDuration.of(caller, context.parameters());
        String serialNumber = QueryParameters.matching(context.parameters().optional("SerialNumber", "serialNumber", 9, 256, null),
                "serialNumber", "[\\w+=/:,.@-]*");
        String tokenCode = QueryParameters.matching(context.parameters().optional("TokenCode", "tokenCode", 6, 6, null),
                "tokenCode", "[\\d]*");
        if (caller.session() != null) {
            throw AwsServiceException.accessDenied("Cannot call GetSessionToken with session credentials");
        }
        if (serialNumber != null || tokenCode != null) {
            // no MFA device can be registered yet, so no code can be right
            throw AwsServiceException.accessDenied("MultiFactorAuthentication failed with invalid MFA one time pass code. ");
        }
        SessionCredentials credentials = sessions.userSession(caller, context.now(), duration, null);
        var claims = credentials.claims();
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("accessKeyId", claims.accessKeyId());
        recorded.put("expiration", claims.expiration().toString());
        return new ActionResult(xml -> xml.start("Credentials").element("AccessKeyId", claims.accessKeyId())
                .element("SecretAccessKey", claims.secretAccessKey()).element("SessionToken", credentials.sessionToken())
                .element("Expiration", claims.expiration()).end(), Map.of("credentials", recorded), List.of());
    }

}
