package dev.mayfly.issuer.iam.simulation;

import dev.mayfly.issuer.authz.EntityPolicies.Labeled;
import dev.mayfly.policy.PolicyDocument;
import dev.mayfly.policy.StatementPositions;
import dev.mayfly.policy.StatementPositions.Span;
import dev.mayfly.policy.decision.NamedPolicy;
import java.util.List;

/**
 * A policy of a simulation, as its results name it.
 *
 * @param sourceId   SourcePolicyId: an entity's policy's name, or {@code PolicyInputList.1}, {@code ResourcePolicy}...
 * @param sourceType SourcePolicyType: user, group, role, user-managed, aws-managed, resource or none
 * @param document   the policy as written, where the statements' positions are counted
 * @param parsed     the policy as the decision reads it
 * @param statements where each statement is written
 */
record SimulationPolicy(String sourceId, String sourceType, String document, PolicyDocument parsed, List<Span> statements) {

    /** A policy the request gives, parsed already. */
    static SimulationPolicy given(String sourceId, String sourceType, String document, PolicyDocument parsed) {
        return new SimulationPolicy(sourceId, sourceType, document, parsed, StatementPositions.of(document));
    }

    /** A policy of the simulated user, group or role. */
    static SimulationPolicy of(Labeled policy) {
        return given(policy.origin().name(), policy.origin().type(), policy.document(), policy.parsed());
    }

    /** How the decision names it: unique within a simulation (two inline policies of two groups may share a name). */
    NamedPolicy named(int place) {
        return new NamedPolicy(place + ":" + sourceType + ":" + sourceId, parsed);
    }
}
