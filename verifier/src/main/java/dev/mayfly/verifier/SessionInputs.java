package dev.mayfly.verifier;

import dev.mayfly.policy.GlobalConditionKeys;
import dev.mayfly.policy.decision.Requester;
import dev.mayfly.policy.decision.Requester.Kind;
import dev.mayfly.revocationfeed.SessionFacts;
import dev.mayfly.token.SessionClaims;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every decision on a session's requests shares, made once per session rather than once per request: the session
 * as the access decision and the revocation rules see it, and the condition keys that describe its principal (its tags
 * over its role's or user's, aws:TokenIssueTime). The principal's keys are made again whenever the policy feed brings a
 * new snapshot of that role or user (its tags may have changed), and everything when the session's claims are new.
 * Bounded like the verifier's other caches: past its size it is emptied and refilled.
 */
final class SessionInputs {

    private static final int MAX_SESSIONS = 100_000;

    private final PolicyIndex policies;
    private final Map<String, Inputs> byAccessKeyId = new ConcurrentHashMap<>();

    SessionInputs(PolicyIndex policies) {
        this.policies = policies;
    }

    /**
     * @param requester     the session as the access decision sees it
     * @param facts         the session as revocation rules see it
     * @param principalKeys the condition keys of its principal and of its issue: immutable, to copy into a request's keys
     */
    record Inputs(SessionClaims claims, PolicyIndex.Entry owner, Requester requester, SessionFacts facts,
                  Map<String, List<String>> principalKeys) {
    }

    Inputs of(SessionClaims claims) {
        PolicyIndex.Entry owner = policies.get(claims.issuerArn()).orElse(null);
        Inputs known = byAccessKeyId.get(claims.accessKeyId());
        // the same objects, not equal ones: claims opened again and a snapshot applied again are made anew
        if (known != null && known.claims() == claims && known.owner() == owner) {
            return known;
        }
        Requester requester = known != null && known.claims() == claims ? known.requester() : requester(claims);
        SessionFacts facts = known != null && known.claims() == claims ? known.facts() : facts(claims);
        Inputs inputs = new Inputs(claims, owner, requester, facts, principalKeys(claims, requester, owner));
        if (byAccessKeyId.size() > MAX_SESSIONS) {
            byAccessKeyId.clear();
        }
        byAccessKeyId.put(claims.accessKeyId(), inputs);
        return inputs;
    }

    /** The session as the access decision sees it: whose policies apply, and how a resource-based policy may name it. */
    private static Requester requester(SessionClaims claims) {
        Kind kind = switch (claims.principalType()) {
            case ASSUMED_ROLE -> Kind.ROLE_SESSION;
            case IAM_USER_SESSION -> Kind.USER;
            case FEDERATED_USER -> Kind.FEDERATED_USER;
            case ROOT_SESSION -> Kind.ROOT;
        };
        return Requester.of(kind, claims.accountId(), claims.principalArn(), claims.principalId(), claims.issuerArn(),
                claims.sessionPolicy(), claims.sessionPolicyArns());
    }

    private static SessionFacts facts(SessionClaims claims) {
        return new SessionFacts(claims.accountId(), claims.issuerArn(), claims.principalArn(), claims.accessKeyId(),
                claims.sourceIdentity(), claims.tags(), claims.issuedAt(), claims.sourceAccessKeyId());
    }

    /** The principal's keys, its session's tags over its owner's (compared without case), and aws:TokenIssueTime. */
    private static Map<String, List<String>> principalKeys(SessionClaims claims, Requester requester, PolicyIndex.Entry owner) {
        Map<String, String> tags = new LinkedHashMap<>(owner == null ? Map.of() : owner.snapshot().tags());
        claims.tags().forEach((key, value) -> {
            tags.keySet().removeIf(existing -> existing.equalsIgnoreCase(key));
            tags.put(key, value);
        });
        Map<String, List<String>> keys = new HashMap<>(requester.conditionKeys(claims.principalId(), tags));
        keys.putAll(GlobalConditionKeys.tokenIssueTime(claims.issuedAt()));
        return Map.copyOf(keys);
    }
}
