package dev.mayfly.issuer.sts;

import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.issuer.authz.Authorizer;
import dev.mayfly.issuer.outbound.WebIdentityTokens;
import dev.mayfly.issuer.outbound.WebIdentityTokens.Claims;
import dev.mayfly.issuer.outbound.WebIdentityTokens.Token;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.ActionResult;
import dev.mayfly.issuer.protocol.AwsService;
import dev.mayfly.issuer.protocol.DeclaredAction;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.protocol.Tags;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.AccountView;
import dev.mayfly.issuer.query.Views.OutboundFederation;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.signing.WebIdentityKeyRing.Algorithm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GetWebIdentityToken: a JSON Web Token that says who the caller is, signed by its account's outbound issuer, for any
 * party that trusts that issuer through OpenID Connect discovery (outbound web identity federation). Refused while the
 * account has not enabled the feature (OutboundWebIdentityFederationDisabledException); decided as
 * sts:GetWebIdentityToken with the condition keys sts:IdentityTokenAudience, sts:DurationSeconds and
 * sts:SigningAlgorithm, and the request's tags as aws:RequestTag/aws:TagKeys; refused to revoked and quarantined
 * callers as a new session would be, since a token stands for the caller as a session does. A session's token does not
 * outlive the session (SessionDurationEscalationException).
 */
final class GetWebIdentityTokenProvider extends DeclaredAction {

    static final int MIN_DURATION = 60;
    static final int MAX_DURATION = 3_600;
    static final int DEFAULT_DURATION = 300;
    private static final int MAX_AUDIENCES = 10;

    private final IdentityDirectory directory;
    private final Authorizer authorizer;
    private final WebIdentityTokens tokens;

    GetWebIdentityTokenProvider(IdentityDirectory directory, Authorizer authorizer, WebIdentityTokens tokens) {
        super("GetWebIdentityToken", AwsService.STS, true);
        this.directory = directory;
        this.authorizer = authorizer;
        this.tokens = tokens;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        QueryParameters parameters = context.parameters();
        List<String> audiences = audiences(parameters);
        Algorithm algorithm = algorithm(parameters);
        int duration = duration(parameters);
        Map<String, String> tags = Tags.parse(parameters, "InvalidParameterValue");
        Caller caller = context.caller();
        StsRegions.requireActive(directory, caller.accountId(), context.region());
        Map<String, List<String>> keys = new HashMap<>(Tags.requestConditionKeys(tags));
        keys.put("sts:IdentityTokenAudience", audiences);
        keys.put("sts:DurationSeconds", List.of(Integer.toString(duration)));
        keys.put("sts:SigningAlgorithm", List.of(algorithm.name()));
        authorizer.authorize(caller, "sts:GetWebIdentityToken", "*", context.withRequestKeys(keys).conditionKeys());
        authorizer.refuseQuarantined(caller.accountId().value(), quarantinable(caller), "sts:GetWebIdentityToken", "*");
        OutboundFederation federation = directory.account(caller.accountId()).map(AccountView::outboundFederation)
                .filter(OutboundFederation::enabled)
                .orElseThrow(() -> new AwsServiceException("OutboundWebIdentityFederationDisabledException",
                        "Outbound web identity federation is not enabled for account " + caller.accountId().value()
                                + ": IAM EnableOutboundWebIdentityFederation enables it.", 403));
        if (caller.session() != null && context.now().plusSeconds(duration).isAfter(caller.session().expiration())) {
            throw new AwsServiceException("SessionDurationEscalationException", "The token would outlive the session, which"
                    + " expires at " + caller.session().expiration() + ": ask for a DurationSeconds that ends before it.", 403);
        }
        Token token = tokens.issue(new Claims(federation.issuerId(), subject(caller), caller.accountId().value(), context.region(),
                audiences, caller.principalTags(), tags), algorithm, duration, context.now());
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("tokenId", token.tokenId());
        recorded.put("keyId", token.keyId());
        recorded.put("expiration", token.expiration().toString());
        return new ActionResult(xml -> xml.element("WebIdentityToken", token.jwt()).element("Expiration", token.expiration()),
                recorded, List.of());
    }

    /**
     * The principal as the token's sub names it: a role session's role (as AWS's tokens do: every session of the role is
     * the same subject to a relying party), a user (its sessions too), the root, a federated user.
     */
    private static String subject(Caller caller) {
        return caller.type() == Caller.Type.ASSUMED_ROLE ? caller.session().issuerArn() : caller.arn();
    }

    /** What a quarantine may name: the caller, and for a session, the role or user it was issued for. */
    private static List<String> quarantinable(Caller caller) {
        List<String> arns = new ArrayList<>(List.of(caller.arn()));
        if (caller.session() != null && !arns.contains(caller.session().issuerArn())) {
            arns.add(caller.session().issuerArn());
        }
        return arns;
    }

    private static List<String> audiences(QueryParameters parameters) {
        List<String> audiences = parameters.members("Audience");
        if (audiences.isEmpty()) {
            throw AwsServiceException.validation("1 validation error detected: Value null at 'audience' failed to satisfy"
                    + " constraint: Member must not be null");
        }
        if (audiences.size() > MAX_AUDIENCES) {
            throw AwsServiceException.validation("1 validation error detected: Value at 'audience' failed to satisfy constraint:"
                    + " Member must have length less than or equal to " + MAX_AUDIENCES);
        }
        for (int i = 1; i <= audiences.size(); i++) {
            parameters.required("Audience.member." + i, "audience." + i + ".member", 1, 1000);
        }
        return List.copyOf(audiences);
    }

    private static Algorithm algorithm(QueryParameters parameters) {
        String name = parameters.required("SigningAlgorithm", "signingAlgorithm", 5, 5);
        for (Algorithm algorithm : Algorithm.values()) {
            if (algorithm.name().equals(name)) {
                return algorithm;
            }
        }
        throw AwsServiceException.validation("1 validation error detected: Value '" + name + "' at 'signingAlgorithm' failed to"
                + " satisfy constraint: Member must be one of RS256, ES384");
    }

    private static int duration(QueryParameters parameters) {
        int requested = parameters.optionalInt("DurationSeconds", "durationSeconds", DEFAULT_DURATION);
        if (requested < MIN_DURATION || requested > MAX_DURATION) {
            throw AwsServiceException.validation("1 validation error detected: Value '" + requested
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must have value "
                    + (requested < MIN_DURATION ? "greater than or equal to " + MIN_DURATION : "less than or equal to " + MAX_DURATION));
        }
        return requested;
    }
}
