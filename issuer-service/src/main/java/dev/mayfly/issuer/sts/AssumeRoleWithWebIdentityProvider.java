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
 * Until the trust policy has accepted the caller, every refusal is {@link FederationRefusal}'s: nothing of the role's
 * account (its roles, providers, regions, policies) is told to a caller it does not trust.
 */
final class AssumeRoleWithWebIdentityProvider extends DeclaredAction implements AnonymousAction {

    static final String ACTION = "sts:AssumeRoleWithWebIdentity";
    private final IdentityDirectory directory;
    private final Authorizer authorizer;
    private final TokenVerifier verifier;
    private final SessionIssuer sessions;

    AssumeRoleWithWebIdentityProvider(IdentityDirectory directory, Authorizer authorizer, TokenVerifier verifier, SessionIssuer sessions) {
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
        SessionScope scope = SessionScope.policies(parameters);

        // what the token says of itself, which tells nothing of any account
        Jwt jwt = Jwt.parse(token);
        String issuer = Optional.ofNullable(jwt.issuer()).filter(i -> i.startsWith("https://"))
                .orElseThrow(() -> invalid("The ID token has no https issuer (iss)."));
        String subject = Optional.ofNullable(jwt.subject()).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new AwsServiceException("IDPRejectedClaim", "The ID token has no subject (sub).", 403));
        verifier.checkOnItsOwn(jwt, context.now());
        FederatedTags tags = FederatedTags.fromToken(jwt.claims());

        Accepted accepted = FederationRefusal.unlessAccepted(ACTION,
                () -> accept(context, roleArn, jwt, issuer, subject, sessionName, tags));
        RoleView role = accepted.role();
        StsRegions.requireActive(directory, role.accountId(), context.region());
        scope = scope.requireManagedPoliciesIn(role.accountId(), directory).withTags(tags.tags(), tags.transitiveTagKeys(), Map.of());
        Integer packedPolicySize = scope.packedPercentage();
        if (duration > role.maxSessionDuration()) {
            throw AwsServiceException.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        authorizer.refuseQuarantined(role.accountId().value(), List.of(role.arn()), ACTION, role.arn());
        SessionCredentials credentials = sessions.assumedRole(role, sessionName, context.now(), duration, null, scope,
                accepted.provider().arn(), null);
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("SubjectFromWebIdentityToken", subject);
        extra.put("Provider", issuer);
        extra.put("Audience", accepted.audience());
        return AssumedRoleResult.of(role, credentials, packedPolicySize, extra).verifiedAs(webIdentityUser(issuer, accepted.audience(), subject));
    }

    /** A role whose trust policy accepted a token of one of its account's providers, for one of the provider's audiences. */
    private record Accepted(RoleView role, OidcProviderView provider, String audience) {
    }

    /** Everything that depends on the role's account, up to its trust policy's decision; any refusal is {@link FederationRefusal}'s. */
    private Accepted accept(ActionContext context, RoleArn roleArn, Jwt jwt, String issuer, String subject, String sessionName,
                            FederatedTags tags) {
        OidcProviderRef ref = OidcProviderRef.ofUrl(roleArn.ref().account(), issuer);
        OidcProviderView provider = directory.oidcProvider(ref)
                .orElseThrow(() -> invalid("No OpenIDConnect provider found in your account for " + issuer));
        verifier.verify(jwt, provider.url(), provider.thumbprints(), context.now());
        String audience = jwt.audiences().stream().filter(provider.clientIds()::contains).findFirst()
                .orElseThrow(() -> invalid("Incorrect token audience"));
        RoleView role = directory.role(roleArn.ref()).filter(r -> r.arn().equals(roleArn.toString()))
                .orElseThrow(() -> FederationRefusal.of(ACTION, "The role " + roleArn + " does not exist."));
        Map<String, List<String>> keys = new HashMap<>(context.conditionKeys());
        String key = ref.hostAndPath();
        keys.put(key + ":aud", List.of(audience));
        keys.put(key + ":sub", List.of(subject));
        keys.put(key + ":iss", List.of(issuer));
        keys.put("aws:FederatedProvider", List.of(provider.arn()));
        keys.put("sts:RoleSessionName", List.of(sessionName));
        keys.putAll(SessionScope.conditionKeys(tags.tags(), tags.transitiveTagKeys()));
        Principal principal = Principal.federated(provider.arn(), role.accountId().value());
        if (!trusted(role, ACTION, principal, keys)) {
            throw FederationRefusal.of(ACTION, "The role's trust policy does not allow " + ACTION + " to this caller.");
        }
        if (!tags.isEmpty() && !trusted(role, "sts:TagSession", principal, keys)) {
            throw FederationRefusal.of(ACTION, "The role's trust policy does not allow sts:TagSession to this caller.");
        }
        return new Accepted(role, provider, audience);
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
}
