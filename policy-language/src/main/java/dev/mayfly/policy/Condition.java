package dev.mayfly.policy;

import java.util.ArrayList;
import java.util.List;

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
            case FOR_ALL_VALUES -> absent || allSatisfy(actual, policyValues);
            case FOR_ANY_VALUE -> absent ? ifExists : anySatisfies(actual, policyValues);
            case NONE -> absent ? ifExists || operator.negated() : operator.negated() != anyMatches(actual, policyValues);
        };
    }

    // loops, not streams: conditions are evaluated on every decision (see Statement.applies)

    private boolean allSatisfy(List<String> actual, List<String> policyValues) {
        for (String value : actual) {
            if (!operator.satisfiedBy(value, policyValues)) {
                return false;
            }
        }
        return true;
    }

    private boolean anySatisfies(List<String> actual, List<String> policyValues) {
        for (String value : actual) {
            if (operator.satisfiedBy(value, policyValues)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyMatches(List<String> actual, List<String> policyValues) {
        for (String value : actual) {
            if (operator.matchesAny(value, policyValues)) {
                return true;
            }
        }
        return false;
    }

    /** The policy values with their variables resolved; a value whose variable cannot be resolved matches nothing. */
    private List<String> resolved(RequestContext context) {
        if (!substituteVariables || !anyVariable()) {
            // most values of 2012-10-17 policies hold no variable: the policy's own list, not a copy per evaluation
            return values;
        }
        List<String> resolved = new ArrayList<>(values.size());
        for (String value : values) {
            PolicyVariables.resolve(value, context, operator.comparesPatterns()).ifPresent(resolved::add);
        }
        return resolved;
    }

    private boolean anyVariable() {
        for (String value : values) {
            if (value.contains("${")) {
                return true;
            }
        }
        return false;
    }
}
