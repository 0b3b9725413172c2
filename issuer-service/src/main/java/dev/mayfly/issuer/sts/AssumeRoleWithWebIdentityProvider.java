package dev.mayfly.issuer.sts;

import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.issuer.api.OidcProviderRef;
import dev.mayfly.issuer.api.RoleArn;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AnonymousAction;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.OidcProviderView;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.issuer.sts.SessionIssuer.SessionCredentials;
import dev.mayfly.issuer.webidentity.Jwt;
import dev.mayfly.issuer.webidentity.TokenVerifier;
import dev.mayfly.issuer.webidentity.WebIdentityException;
import dev.mayfly.policy.Decision;
import dev.mayfly.policy.Principal;
import dev.mayfly.policy.RequestContext;
import dev.mayfly.runtime.AwsServiceException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AssumeRoleWithWebIdentity: an OpenID Connect ID token, unsigned request. The token's issuer must be an OIDC provider
 * registered in the role's account, its audience one of the provider's client ids, its signature one of the provider's
 * keys, its time current; then the role's trust policy decides alone (there is no caller's identity policy), with
 * the principal {"Federated": provider ARN} and the condition keys {provider}:aud, {provider}:sub and {provider}:iss.
 */
public final class AssumeRoleWithWebIdentityProvider extends DeclaredAction implements AnonymousAction {

    static final String ACTION = "sts:AssumeRoleWithWebIdentity";
    private final IdentityDirectory directory;
    private final Authorizer authorizer;
    private final TokenVerifier verifier;
    private final SessionIssuer sessions;

    public AssumeRoleWithWebIdentityProvider(IdentityDirectory directory, Authorizer authorizer, TokenVerifier verifier, SessionIssuer sessions) {
        super("AssumeRoleWithWebIdentity", AwsService.STS, true);
        this.directory = directory;
        this.authorizer = authorizer;
        this.verifier = verifier;
        this.sessions = sessions;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        QueryParameters parameters = context.parameters();
        RoleArn roleArn = AssumeRoleRequest.roleArn(parameters);
        String sessionName = AssumeRoleRequest.sessionName(parameters);
        int duration = AssumeRoleRequest.durationSeconds(parameters);
        String token = parameters.required("WebIdentityToken", "webIdentityToken", 4, 20000);
        StsRegions.requireActive(directory, roleArn.ref().account(), context.region());
        SessionScope scope = SessionScope.policies(parameters, roleArn.ref().account(), directory);

        Jwt jwt = Jwt.parse(token);
        String issuer = Optional.ofNullable(jwt.issuer()).filter(i -> i.startsWith("https://"))
                .orElseThrow(() -> invalid("The ID token has no https issuer (iss)."));
        OidcProviderRef ref = OidcProviderRef.ofUrl(roleArn.ref().account(), issuer);
        OidcProviderView provider = directory.oidcProvider(ref)
                .orElseThrow(() -> invalid("No OpenIDConnect provider found in your account for " + issuer));
        verifier.verify(jwt, provider.url(), provider.thumbprints(), context.now());
        String audience = jwt.audiences().stream().filter(provider.clientIds()::contains).findFirst()
                .orElseThrow(() -> invalid("Incorrect token audience"));
        String subject = Optional.ofNullable(jwt.subject()).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new AwsServiceException("IDPRejectedClaim", "The ID token has no subject (sub).", 403));

        RoleView role = directory.role(roleArn.ref()).filter(r -> r.arn().equals(roleArn.toString()))
                .orElseThrow(AssumeRoleWithWebIdentityProvider::notAuthorized);
        Map<String, List<String>> keys = new HashMap<>(context.conditionKeys());
        String key = ref.hostAndPath();
        keys.put(key + ":aud", List.of(audience));
        keys.put(key + ":sub", List.of(subject));
        keys.put(key + ":iss", List.of(issuer));
        keys.put("aws:FederatedProvider", List.of(provider.arn()));
        keys.put("sts:RoleSessionName", List.of(sessionName));
        FederatedTags tags = FederatedTags.fromToken(jwt.claims());
        keys.putAll(SessionScope.conditionKeys(tags.tags(), tags.transitiveTagKeys()));
        Principal principal = Principal.federated(provider.arn(), role.accountId().value());
        if (!trusted(role, ACTION, principal, keys) || (!tags.isEmpty() && !trusted(role, "sts:TagSession", principal, keys))) {
            throw notAuthorized();
        }
        scope = scope.withTags(tags.tags(), tags.transitiveTagKeys(), Map.of());
        Integer packedPolicySize = scope.packedPercentage();
        if (duration > role.maxSessionDuration()) {
            throw AwsServiceException.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        authorizer.refuseQuarantined(role.accountId().value(), List.of(role.arn()), ACTION, role.arn());
        SessionCredentials credentials = sessions.assumedRole(role, sessionName, context.now(), duration, null, scope, provider.arn(), null);
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("SubjectFromWebIdentityToken", subject);
        extra.put("Provider", issuer);
        extra.put("Audience", audience);
        return AssumedRoleResult.of(role, credentials, packedPolicySize, extra).verifiedAs(webIdentityUser(issuer, audience, subject));
    }

    private static boolean trusted(RoleView role, String action, Principal principal, Map<String, List<String>> keys) {
        return role.parsedTrustPolicy().evaluate(new RequestContext(action, role.arn(), principal, keys)) == Decision.ALLOW;
    }

    private static String shorten(String value) {
        return value.length() > 1024 ? value.substring(0, 1024) : value;
    }

    private static AwsServiceException invalid(String message) {
        return new AwsServiceException("InvalidIdentityToken", message, 400);
    }

    @Override
    public Optional<String> recipientAccount(QueryParameters parameters) {
        return Optional.ofNullable(parameters.get("RoleArn")).flatMap(RoleArn::parse).map(arn -> arn.ref().account().value());
    }

    /** CloudTrail's WebIdentityUser: {provider}:{audience}:{subject}, as the token claims them (verified or not). */
    @Override
    public UserIdentity claimedIdentity(QueryParameters parameters) {
        String token = parameters.get("WebIdentityToken");
        try {
            Jwt jwt = Jwt.parse(token == null ? "" : token);
            return webIdentityUser(jwt.issuer() == null ? "" : jwt.issuer(), jwt.audiences().isEmpty() ? "" : jwt.audiences().getFirst(),
                    jwt.subject());
        } catch (WebIdentityException e) {
            return new UserIdentity("WebIdentityUser", null, null, null, null, null, null);
        }
    }

    private static UserIdentity webIdentityUser(String issuer, String audience, String subject) {
        String provider = shorten(issuer.replaceFirst("^https://", ""));
        String user = subject == null ? null : subject.substring(0, Math.min(256, subject.length()));
        return new UserIdentity("WebIdentityUser", shorten(provider + ":" + audience + ":" + user), null, null, null, user, null, provider);
    }

    /** The same refusal whether the role does not exist or its trust policy does not allow: nothing leaks. */
    private static AwsServiceException notAuthorized() {
        return AwsServiceException.accessDenied("Not authorized to perform sts:AssumeRoleWithWebIdentity");
    }
}
