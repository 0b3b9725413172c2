package dev.mayfly.issuer.iam.simulation;

import dev.mayfly.policy.StatementPositions.Span;
import java.util.List;
import java.util.Map;

/**
 * One action's result, as SimulatePrincipalPolicy and SimulateCustomPolicy answer it: one per action, its decision
 * the most restrictive of its resources', each resource's in {@code resources} when the request named them.
 *
 * @param action   EvalActionName
 * @param decision the result over all resources, and its details
 * @param resources ResourceSpecificResults: empty when the request named no resource
 */
record EvaluationResult(String action, ResourceResult decision, List<ResourceResult> resources) {

    /**
     * One action on one resource (or, for {@link EvaluationResult#decision()}, on all of them together).
     *
     * @param resource           EvalResourceName
     * @param decision           allowed, explicitDeny or implicitDeny
     * @param matched            MatchedStatements: the statements that decided an allow or an explicit deny
     * @param missing            MissingContextValues: keys the policies' conditions read that the context lacks
     * @param details            EvalDecisionDetails, or null when not told (a simulation over "*")
     * @param allowedByBoundary  PermissionsBoundaryDecisionDetail, or null when there is no boundary
     */
    record ResourceResult(String resource, String decision, List<Matched> matched, List<String> missing, Map<String, String> details,
                          Boolean allowedByBoundary) {
    }

    /** A statement that decided, in its policy. */
    record Matched(String sourceId, String sourceType, Span span) {
    }
}
