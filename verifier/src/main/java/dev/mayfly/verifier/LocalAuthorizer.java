package dev.mayfly.verifier;

import dev.mayfly.contract.RevocationRule;
import dev.mayfly.policy.GlobalConditionKeys;
import dev.mayfly.policy.decision.AccessDecision;
import dev.mayfly.policy.decision.Outcome;
import dev.mayfly.policy.decision.Requester;
import dev.mayfly.policy.decision.Resource;
import dev.mayfly.revocationfeed.Freshness;
import dev.mayfly.revocationfeed.RevocationIndex;
import dev.mayfly.sigv4.SigV4Verifier;
import dev.mayfly.sigv4.SignatureException;
import dev.mayfly.sigv4.SignatureParser;
import dev.mayfly.sigv4.SignatureParts;
import dev.mayfly.sigv4.SignedRequest;
import dev.mayfly.token.SessionClaims;
import dev.mayfly.token.TokenException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The decision of a verifier, from what it holds in memory: signature (with the signing key the issuer granted for the
 * session's day, region and this verifier's service), expiry, freshness of the feeds, revocation rules, then the
 * {@link AccessDecision} the issuer makes too: the session's identity policies within its permissions boundary and
 * session policies, the resource's resource-based policy, and the tenant boundary between the session's account and the
 * resource's (an explicit deny anywhere refuses). A decision is a few map lookups and policy evaluations: no network call
 * once the session is known (the issuer is asked once per session, day and region). {@link Verifier} keeps what it reads
 * up to date.
 */
public final class LocalAuthorizer {

    private final SigV4Verifier signatures;
    private final VerifiedSessions sessions;
    private final AccessDecision decision;
    private final SessionInputs sessionInputs;
    private final RevocationIndex revocations;
    private final List<Freshness> feeds;
    private final Clock clock;

    /**
     * @param signingName the service name requests must be signed for: the one the issuer grants this verifier keys for
     * @param sessions    the sessions this verifier knows, and how it learns new ones from the issuer
     * @param feeds       the freshness of the feeds the indexes follow: while one is stale, session credentials are refused
     */
    public LocalAuthorizer(String signingName, VerifiedSessions sessions, PolicyIndex policies, RevocationIndex revocations,
                           List<Freshness> feeds, Clock clock) {
        this.signatures = new SigV4Verifier(Set.of(signingName), true);
        this.sessions = sessions;
        this.decision = new AccessDecision(policies);
        this.sessionInputs = new SessionInputs(policies);
        this.revocations = revocations;
        this.feeds = List.copyOf(feeds);
        this.clock = clock;
    }

    /** A request received over plain HTTP (aws:SecureTransport false); see the other verify. */
    public Verdict verify(SignedRequest request, String action, String resource, String sourceIp, Map<String, List<String>> requestKeys) {
        return verify(request, action, resource, sourceIp, false, requestKeys);
    }

    /**
     * A request on a resource whose ARN names its account (arn:aws:sqs:us-east-1:111122223333:queue) and which has no
     * resource-based policy; see the other verify. An ARN that names no account (arn:aws:s3:::bucket) is refused: say
     * which account owns it with a {@link Resource}.
     */
    public Verdict verify(SignedRequest request, String action, String resource, String sourceIp, boolean secureTransport,
                          Map<String, List<String>> requestKeys) {
        return verify(request, action, Resource.named(resource), sourceIp, secureTransport, requestKeys);
    }

    /**
     * @param action          the action asked for ("s3:GetObject")
     * @param resource        the resource: its ARN, the account that owns it (null refuses: the verifier never guesses an
     *                        owner), and its resource-based policy, or null. A session of another account is allowed only
     *                        when its own policies allow and the resource-based policy grants it, as in AWS
     * @param sourceIp        the client's address (aws:SourceIp)
     * @param secureTransport whether the request reached the resource server over TLS (aws:SecureTransport)
     * @param requestKeys     condition keys of the request itself (s3:prefix, aws:RequestTag/...), may be empty
     */
    public Verdict verify(SignedRequest request, String action, Resource resource, String sourceIp, boolean secureTransport,
                          Map<String, List<String>> requestKeys) {
        Instant now = clock.instant();
        SessionClaims claims;
        try {
            SignatureParts parts = SignatureParser.parse(request);
            if (parts.securityToken() == null) {
                return Verdict.deny(null, "long-term access keys are checked by the issuer (POST /mayfly/authorize), not here");
            }
            signatures.checkScopeAndTime(parts, now);
            VerifiedSessions.Session session = sessions.session(parts.securityToken(), parts.scope().date(), parts.scope().region());
            claims = session.claims();
            if (!claims.accessKeyId().equals(parts.scope().accessKeyId())) {
                return Verdict.deny(null, "the session token does not belong to the signing key");
            }
            signatures.verifyWithSigningKey(request, parts, session.signingKey(), now);
        } catch (SignatureException | TokenException e) {
            return Verdict.deny(null, e.getMessage());
        } catch (IssuerUnavailableException e) {
            return Verdict.deny(null, "the session is not yet known here and " + e.getMessage());
        }
        if (claims.isExpiredAt(now)) {
            return Verdict.deny(claims.principalArn(), "the session expired at " + claims.expiration());
        }
        for (Freshness feed : feeds) {
            if (feed.refusesSessions(now)) {
                return Verdict.deny(claims.principalArn(), "the policy or revocation feed cannot be trusted now (" + feed.staleness(now)
                        + "): session credentials are refused until it is fresh again");
            }
        }
        SessionInputs.Inputs inputs = sessionInputs.of(claims);
        Optional<RevocationRule> rule = revocations.denying(inputs.facts());
        if (rule.isPresent()) {
            return Verdict.deny(claims.principalArn(), "revoked by rule " + rule.get().ruleId());
        }
        return decide(claims, inputs.requester(), action, resource, conditionKeys(claims, inputs, sourceIp, secureTransport, now, requestKeys));
    }

    private Verdict decide(SessionClaims claims, Requester requester, String action, Resource resource, Map<String, List<String>> keys) {
        Outcome outcome = decision.decide(requester, action, resource, keys);
        return switch (outcome.decision()) {
            case ALLOW -> new Verdict(true, claims.principalArn(), "allowed");
            // which policies denied stays with the issuer's authorization messages: a resource server's refusal goes to the caller
            case EXPLICIT_DENY -> Verdict.deny(claims.principalArn(), "explicitly denied by a policy");
            case NOT_APPLICABLE -> Verdict.deny(claims.principalArn(), "no policy allows " + action + " on " + resource.arn() + ": "
                    + outcome.reason());
        };
    }

    /**
     * The request's condition keys: transport and time, the session's principal and issue (made once per session), MFA,
     * and the request's own keys over them.
     */
    private static Map<String, List<String>> conditionKeys(SessionClaims claims, SessionInputs.Inputs inputs, String sourceIp,
                                                           boolean secureTransport, Instant now, Map<String, List<String>> requestKeys) {
        Map<String, List<String>> keys = GlobalConditionKeys.transport(sourceIp, secureTransport, now);
        keys.putAll(inputs.principalKeys());
        keys.putAll(GlobalConditionKeys.mfa(claims.mfaAuthenticatedAt(), now));
        keys.putAll(requestKeys);
        return keys;
    }

}
