package dev.mayfly.policy.decision;

import dev.mayfly.policy.Decision;
import java.util.List;

/**
 * A decision and what decided it, for a refusal to explain (the issuer's authorization messages name the policies).
 *
 * @param decision     ALLOW; EXPLICIT_DENY when a policy denied; NOT_APPLICABLE when nothing allowed
 * @param resourceSide whether the resource side decided a refusal: its explicit deny, or, across accounts, no grant by
 *                     its resource-based policy; otherwise the requester's identity side did
 * @param policies     the labels of the policies that decided: those that allowed, those that denied, or the layer that
 *                     allowed nothing
 * @param reason       the decision in words
 */
public record Outcome(Decision decision, boolean resourceSide, List<String> policies, String reason) {

    public Outcome {
        policies = List.copyOf(policies);
    }

    public boolean allowed() {
        return decision == Decision.ALLOW;
    }

    static Outcome refused(boolean resourceSide, List<String> policies, String reason) {
        return new Outcome(Decision.NOT_APPLICABLE, resourceSide, policies, reason);
    }
}
