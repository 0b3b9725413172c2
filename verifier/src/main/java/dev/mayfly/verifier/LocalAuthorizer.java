package dev.mayfly.verifier;

import dev.mayfly.contract.RevocationRule;
import dev.mayfly.policy.Decision;
import dev.mayfly.policy.GlobalConditionKeys;
import dev.mayfly.policy.IdentityLayers;
import dev.mayfly.policy.PolicyDocument;
import dev.mayfly.policy.RequestContext;
import dev.mayfly.revocationfeed.Freshness;
import dev.mayfly.revocationfeed.RevocationIndex;
import dev.mayfly.revocationfeed.SessionFacts;
import dev.mayfly.sigv4.SigV4Verifier;
import dev.mayfly.sigv4.SignatureException;
import dev.mayfly.sigv4.SignatureParser;
import dev.mayfly.sigv4.SignatureParts;
import dev.mayfly.sigv4.SignedRequest;
import dev.mayfly.token.SessionClaims.PrincipalType;
import dev.mayfly.token.SessionClaims;
import dev.mayfly.token.TokenException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The decision of a verifier, from what it holds in memory: signature (with the signing key the issuer granted for the
 * session's day, region and this verifier's service),
 * expiry, freshness of the feeds, revocation rules, then the session's identity policies within its permissions
 * boundary and session policies (an explicit deny anywhere refuses). A decision is a few map lookups and policy
 * evaluations: no network call once the session is known (the issuer is asked once per session, day and region). {@link Verifier} keeps what it reads up to date.
 */
public final class LocalAuthorizer {

    private static final String EVERYTHING = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}";
    private static final PolicyDocument ROOT_PERMISSIONS = PolicyDocument.parse(EVERYTHING);

    private final SigV4Verifier signatures;
    private final VerifiedSessions sessions;
    private final PolicyIndex policies;
    private final RevocationIndex revocations;
    private final List<Freshness> feeds;
    private final Clock clock;
    /** Parsed session policies: the same sessions call again and again (a bounded cache). */
    private final Map<String, PolicyDocument> parsedSessionPolicies = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 100_000;

    /**
     * @param signingName the service name requests must be signed for: the one the issuer grants this verifier keys for
     * @param sessions    the sessions this verifier knows, and how it learns new ones from the issuer
     * @param feeds       the freshness of the feeds the indexes follow: while one is stale, session credentials are refused
     */
    public LocalAuthorizer(String signingName, VerifiedSessions sessions, PolicyIndex policies, RevocationIndex revocations,
                           List<Freshness> feeds, Clock clock) {
        this.signatures = new SigV4Verifier(Set.of(signingName), true);
        this.sessions = sessions;
        this.policies = policies;
        this.revocations = revocations;
        this.feeds = List.copyOf(feeds);
        this.clock = clock;
    }

    /** A request received over plain HTTP (aws:SecureTransport false); see the other verify. */
    public Verdict verify(SignedRequest request, String action, String resource, String sourceIp, Map<String, List<String>> requestKeys) {
        return verify(request, action, resource, sourceIp, false, requestKeys);
    }

    /**
     * @param action          the action asked for ("s3:GetObject")
     * @param resource        the resource's ARN
     * @param sourceIp        the client's address (aws:SourceIp)
     * @param secureTransport whether the request reached the resource server over TLS (aws:SecureTransport)
     * @param requestKeys     condition keys of the request itself (s3:prefix, aws:RequestTag/...), may be empty
     */
    public Verdict verify(SignedRequest request, String action, String resource, String sourceIp, boolean secureTransport,
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
        Optional<Freshness> stale = feeds.stream().filter(feed -> feed.refusesSessions(now)).findFirst();
        if (stale.isPresent()) {
            return Verdict.deny(claims.principalArn(), "the policy or revocation feed is " + stale.get().age(now).toSeconds()
                    + " seconds old, more than " + stale.get().maxAge().toSeconds() + ": session credentials are refused until it is fresh again");
        }
        Optional<RevocationRule> rule = revocations.denying(new SessionFacts(claims.accountId(), claims.issuerArn(), claims.principalArn(),
                claims.accessKeyId(), claims.sourceIdentity(), claims.tags(), claims.issuedAt(), claims.sourceAccessKeyId()));
        if (rule.isPresent()) {
            return Verdict.deny(claims.principalArn(), "revoked by rule " + rule.get().ruleId());
        }
        return decide(claims, action, resource, conditionKeys(claims, sourceIp, secureTransport, now, requestKeys));
    }

    private Verdict decide(SessionClaims claims, String action, String resource, Map<String, List<String>> keys) {
        RequestContext context = new RequestContext(action, resource, null, keys);
        Optional<PolicyIndex.Entry> owner = owner(claims);
        if (claims.principalType() != PrincipalType.ROOT_SESSION && !rootFederation(claims) && owner.isEmpty()) {
            return Verdict.deny(claims.principalArn(), "the session's role or user no longer exists");
        }
        Decision identity = Decision.NOT_APPLICABLE;
        List<PolicyDocument> identityPolicies = claims.principalType() == PrincipalType.ROOT_SESSION || rootFederation(claims)
                ? List.of(ROOT_PERMISSIONS) : owner.get().policies();
        for (PolicyDocument policy : identityPolicies) {
            identity = identity.combine(policy.evaluate(context));
        }
        Decision boundary = owner.map(PolicyIndex.Entry::boundary).map(b -> b.evaluate(context)).orElse(null);
        Decision decision = new IdentityLayers(identity, boundary, sessionPolicies(claims, context)).combined();
        return switch (decision) {
            case ALLOW -> new Verdict(true, claims.principalArn(), "allowed");
            case EXPLICIT_DENY -> Verdict.deny(claims.principalArn(), "explicitly denied by a policy");
            case NOT_APPLICABLE -> Verdict.deny(claims.principalArn(), "no policy allows " + action + " on " + resource);
        };
    }

    private PolicyDocument parsed(String sessionPolicy) {
        if (parsedSessionPolicies.size() > MAX_CACHED) {
            parsedSessionPolicies.clear();
        }
        return parsedSessionPolicies.computeIfAbsent(sessionPolicy, PolicyDocument::parse);
    }

    /** The role a session was issued for (of the same id), or the user who asked for it. */
    private Optional<PolicyIndex.Entry> owner(SessionClaims claims) {
        Optional<PolicyIndex.Entry> entry = policies.get(claims.issuerArn());
        return switch (claims.principalType()) {
            case ASSUMED_ROLE -> entry.filter(e -> claims.principalId().startsWith(e.snapshot().id() + ":"));
            case IAM_USER_SESSION -> entry.filter(e -> claims.principalId().equals(e.snapshot().id()));
            case FEDERATED_USER -> entry;
            case ROOT_SESSION -> Optional.empty();
        };
    }

    private static boolean rootFederation(SessionClaims claims) {
        return claims.principalType() == PrincipalType.FEDERATED_USER && claims.issuerArn().endsWith(":root");
    }

    /** The session policies together (inline and managed); null when there are none, nothing at all for a federated user. */
    private Decision sessionPolicies(SessionClaims claims, RequestContext context) {
        if (!claims.hasSessionPolicies()) {
            return claims.principalType() == PrincipalType.FEDERATED_USER ? Decision.NOT_APPLICABLE : null;
        }
        Decision decision = claims.sessionPolicy() == null ? Decision.NOT_APPLICABLE : parsed(claims.sessionPolicy()).evaluate(context);
        for (String arn : claims.sessionPolicyArns()) {
            Optional<PolicyIndex.Entry> managed = policies.get(arn);
            if (managed.isPresent()) {
                for (PolicyDocument policy : managed.get().policies()) {
                    decision = decision.combine(policy.evaluate(context));
                }
            }
        }
        return decision;
    }

    /** The global keys of the request: transport, time, the session's principal, its tags over its owner's, MFA. */
    private Map<String, List<String>> conditionKeys(SessionClaims claims, String sourceIp, boolean secureTransport, Instant now,
                                                    Map<String, List<String>> requestKeys) {
        Map<String, List<String>> keys = GlobalConditionKeys.transport(sourceIp, secureTransport, now);
        boolean role = claims.principalType() == PrincipalType.ASSUMED_ROLE;
        keys.put("aws:PrincipalArn", List.of(role ? claims.issuerArn() : claims.principalArn()));
        keys.put("aws:PrincipalAccount", List.of(claims.accountId()));
        keys.put("aws:userid", List.of(claims.principalId()));
        keys.put("aws:PrincipalType", List.of(switch (claims.principalType()) {
            case ASSUMED_ROLE -> "AssumedRole";
            case FEDERATED_USER -> "FederatedUser";
            case IAM_USER_SESSION -> "User";
            case ROOT_SESSION -> "Account";
        }));
        if (claims.principalType() == PrincipalType.IAM_USER_SESSION) {
            keys.put("aws:username", List.of(claims.principalArn().substring(claims.principalArn().lastIndexOf('/') + 1)));
        }
        keys.put("aws:TokenIssueTime", List.of(claims.issuedAt().toString()));
        keys.putAll(GlobalConditionKeys.mfa(claims.mfaAuthenticatedAt(), now));
        Map<String, String> tags = new LinkedHashMap<>(policies.get(claims.issuerArn()).map(e -> e.snapshot().tags()).orElse(Map.of()));
        claims.tags().forEach((key, value) -> {
            tags.keySet().removeIf(existing -> existing.equalsIgnoreCase(key));
            tags.put(key, value);
        });
        tags.forEach((key, value) -> keys.put("aws:PrincipalTag/" + key, List.of(value)));
        keys.putAll(requestKeys);
        return keys;
    }

}
