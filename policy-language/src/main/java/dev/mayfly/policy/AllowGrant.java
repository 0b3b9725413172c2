package dev.mayfly.policy;

import java.util.List;
import java.util.Map;

/**
 * An Allow statement of a resource-based policy as an analysis of who it lets in reads it (Access Analyzer's findings
 * for a role's trust policy): whom it names, which actions, and under which conditions; nothing is decided here.
 *
 * @param principals   the Principal (or NotPrincipal) element by type ("AWS", "Federated", "Service", "*" for a bare
 *                     {@code "*"}), values as written
 * @param notPrincipal whether the element is NotPrincipal: everyone but those named
 * @param actions      the Action (or NotAction) patterns
 * @param notAction    whether the element is NotAction
 * @param conditions   each key of each operator of the Condition block
 */
public record AllowGrant(Map<String, List<String>> principals, boolean notPrincipal, List<String> actions, boolean notAction,
                         List<GrantCondition> conditions) {

    /** Whether the statement allows the action, as a decision would match it (without regard to case). */
    public boolean allowsAction(String action) {
        boolean named = actions.stream().anyMatch(pattern -> Wildcard.matches(pattern, action, true));
        return named != notAction;
    }

    /**
     * One key of one operator.
     *
     * @param operator the operator as written without its qualifier or IfExists (StringEquals, ArnLike, ...)
     * @param negated  whether the operator holds when the value does not match (StringNotEquals, ...)
     * @param ifExists whether an absent key satisfies it
     */
    public record GrantCondition(String operator, boolean negated, boolean ifExists, String key, List<String> values) {
    }

    static AllowGrant of(Statement statement) {
        List<GrantCondition> conditions = statement.conditions().stream().map(c -> new GrantCondition(c.operator().policyName(),
                c.operator().negated(), c.ifExists(), c.key(), c.values())).toList();
        return new AllowGrant(statement.principals() == null ? Map.of() : statement.principals(), statement.notPrincipal(),
                statement.actions(), statement.notAction(), conditions);
    }
}
