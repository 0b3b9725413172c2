package dev.mayfly.policy.decision;

import dev.mayfly.policy.PolicyDocument;
import dev.mayfly.policy.decision.PolicySource.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Finds the policies of a requester's identity side, layer by layer, in a {@link PolicySource}. */
final class IdentitySide {

    private static final int MAX_CACHED_SESSION_POLICIES = 10_000;
    private static final String EVERYTHING = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}";
    /** The root user's permissions are no policy: represented as one that allows everything, so that session policies still bound them. */
    private static final NamedPolicy ROOT_PERMISSIONS = new NamedPolicy("the root user's permissions", PolicyDocument.parse(EVERYTHING));
    static final String SESSION_POLICIES = "the session policies";

    private final PolicySource source;
    /** Session policies were checked at issuance; parsed (and named) once each (the same sessions call again and again). */
    private final Map<String, NamedPolicy> parsedSessionPolicies = new ConcurrentHashMap<>();

    IdentitySide(PolicySource source) {
        this.source = source;
    }

    /**
     * The layers of a requester's identity side.
     *
     * @param identity the identity-based policies
     * @param boundary the permissions boundary, or null when there is none
     * @param session  the session policies (inline and managed), or null when the session has none; empty (allowing
     *                 nothing) for a federated user without any, which has no permissions at all
     */
    record Layers(List<NamedPolicy> identity, NamedPolicy boundary, List<NamedPolicy> session) {
    }

    /** Empty when the user or role whose policies apply is gone (or is another of the same name). */
    Optional<Layers> of(Requester requester) {
        List<NamedPolicy> session = sessionPolicies(requester);
        if (requester.actsWithRootPermissions()) {
            return Optional.of(new Layers(List.of(ROOT_PERMISSIONS), null, session));
        }
        Optional<Identity> owner = source.identity(requester.owner())
                .filter(identity -> requester.ownerId() == null || requester.ownerId().equals(identity.uniqueId()));
        return owner.map(identity -> new Layers(identity.policies(), identity.boundary(), session));
    }

    /** A managed session policy that no longer exists allows nothing. */
    private List<NamedPolicy> sessionPolicies(Requester requester) {
        if (!requester.hasSessionPolicies()) {
            return requester.kind() == Requester.Kind.FEDERATED_USER ? List.of() : null;
        }
        if (requester.sessionPolicyArns().isEmpty()) {
            // an inline policy alone, the usual case: no list built per decision
            return List.of(parsed(requester.sessionPolicy()));
        }
        List<NamedPolicy> policies = new ArrayList<>();
        if (requester.sessionPolicy() != null) {
            policies.add(parsed(requester.sessionPolicy()));
        }
        requester.sessionPolicyArns().forEach(arn -> source.managedPolicy(arn)
                .forEach(policy -> policies.add(new NamedPolicy(SESSION_POLICIES, policy.document()))));
        return policies;
    }

    private NamedPolicy parsed(String sessionPolicy) {
        if (parsedSessionPolicies.size() > MAX_CACHED_SESSION_POLICIES) {
            parsedSessionPolicies.clear();
        }
        return parsedSessionPolicies.computeIfAbsent(sessionPolicy, policy -> new NamedPolicy(SESSION_POLICIES, PolicyDocument.parse(policy)));
    }
}
