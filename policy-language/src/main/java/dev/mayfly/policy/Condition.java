package dev.mayfly.policy;

import java.util.List;
import java.util.Optional;

/**
 * One key of one operator of a statement's Condition block (all of a statement's conditions must hold).
 *
 * <p>Without a set qualifier, the condition holds when a request value satisfies the operator (for negated
 * operators: when no request value matches); a key absent from the request fails positive operators and
 * satisfies negated ones, and the IfExists forms treat an absent key as satisfied. ForAllValues holds when
 * every request value satisfies the operator (vacuously when the key is absent); ForAnyValue when at least
 * one does. Policy values may hold variables, resolved per request.
 */
record Condition(ConditionOperator operator, Qualifier qualifier, boolean ifExists, String key, List<String> values,
                 boolean substituteVariables) {

    enum Qualifier { NONE, FOR_ALL_VALUES, FOR_ANY_VALUE }

    boolean holds(RequestContext context) {
        List<String> actual = context.values(key);
        boolean absent = actual == null || actual.isEmpty();
        if (operator == ConditionOperator.NULL) {
            return values.stream().anyMatch(v -> Boolean.parseBoolean(v) == absent);
        }
        List<String> policyValues = resolved(context);
        return switch (qualifier) {
            case FOR_ALL_VALUES -> absent || actual.stream().allMatch(v -> operator.satisfiedBy(v, policyValues));
            case FOR_ANY_VALUE -> absent ? ifExists : actual.stream().anyMatch(v -> operator.satisfiedBy(v, policyValues));
            case NONE -> absent ? ifExists || operator.negated()
                    : operator.negated() != actual.stream().anyMatch(v -> operator.matchesAny(v, policyValues));
        };
    }

    /** The policy values with their variables resolved; a value whose variable cannot be resolved matches nothing. */
    private List<String> resolved(RequestContext context) {
        if (!substituteVariables) {
            return values;
        }
        return values.stream().map(v -> PolicyVariables.resolve(v, context, operator.comparesPatterns()))
                .flatMap(Optional::stream).toList();
    }
}
