package dev.mayfly.issuer.sts;

import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.protocol.Tags;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.sts.SessionIssuer.SessionCredentials;
import dev.mayfly.runtime.AwsServiceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GetFederationToken: temporary credentials for a federated user (arn:aws:sts::ACCOUNT:federated-user/NAME) with
 * the caller's permissions bounded by the session policy passed here; without one, no permissions at all. Only
 * long-term credentials may ask; users need sts:GetFederationToken. 12 hours by default, root at most 1 hour.
 */
final class GetFederationTokenProvider extends DeclaredAction {

    private final IdentityDirectory directory;
    private final Authorizer authorizer;
    private final SessionIssuer sessions;

    GetFederationTokenProvider(IdentityDirectory directory, Authorizer authorizer, SessionIssuer sessions) {
        super("GetFederationToken", AwsService.STS, true);
        this.directory = directory;
        this.authorizer = authorizer;
        this.sessions = sessions;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        String name = QueryParameters.matching(context.parameters().required("Name", "name", 2, 32), "name", "[\\w+=,.@-]*");
        int duration = UserSessionDuration.of(context.caller(), context.parameters());
        Caller caller = context.caller();
        StsRegions.requireActive(directory, caller.accountId(), context.region());
        Map<String, String> tags = Tags.parse(context.parameters(), "InvalidParameterValue");
        SessionScope scope = SessionScope.policies(context.parameters()).withTags(tags, List.of(), Map.of());
        Integer packedPolicySize = scope.packedPercentage();
        if (caller.session() != null) {
            throw AwsServiceException.accessDenied("Cannot call GetFederationToken with session credentials");
        }
        String arn = "arn:aws:sts::" + caller.accountId().value() + ":federated-user/" + name;
        Map<String, List<String>> keys = context.withRequestKeys(SessionScope.conditionKeys(tags, List.of())).conditionKeys();
        authorizer.authorize(caller, "sts:GetFederationToken", arn, keys);
        if (!tags.isEmpty()) {
            authorizer.authorize(caller, "sts:TagSession", arn, keys);
        }
        scope.requireManagedPoliciesIn(caller.accountId(), directory);
        authorizer.refuseQuarantined(caller.accountId().value(), List.of(caller.arn()), "sts:GetFederationToken", arn);
        SessionCredentials credentials = sessions.federatedUser(caller, name, context.now(), duration, scope);
        var claims = credentials.claims();
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("credentials", Map.of("accessKeyId", claims.accessKeyId(), "expiration", claims.expiration().toString()));
        recorded.put("federatedUser", Map.of("federatedUserId", claims.principalId(), "arn", arn));
        if (packedPolicySize != null) {
            recorded.put("packedPolicySize", packedPolicySize);
        }
        return new ActionResult(xml -> {
            xml.start("Credentials").element("AccessKeyId", claims.accessKeyId()).element("SecretAccessKey", claims.secretAccessKey())
                    .element("SessionToken", credentials.sessionToken()).element("Expiration", claims.expiration()).end();
            xml.start("FederatedUser").element("FederatedUserId", claims.principalId()).element("Arn", arn).end();
            xml.element("PackedPolicySize", packedPolicySize);
        }, recorded, List.of());
    }

}
