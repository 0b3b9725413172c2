package dev.mayfly.policy;

/**
 * The identity side of a decision, layer by layer, as AWS evaluates it: the caller's identity-based policies together,
 * its permissions boundary (null when it has none) and its session policies together (null when its session has none).
 * The boundary and the session policies only ever restrict.
 */
public record IdentityLayers(Decision identity, Decision boundary, Decision session) {

    /** Identity policies within the boundary and the session policies. */
    public Decision combined() {
        Decision decision = boundary == null ? identity : identity.intersect(boundary);
        return session == null ? decision : decision.intersect(session);
    }
}
