package dev.mayfly.policy;

import java.util.List;

/** One key of one operator of a statement's Condition block: all of a statement's conditions must hold. */
record Condition(ConditionOperator operator, boolean ifExists, String key, List<String> values) {

    boolean holds(RequestContext context) {
        try {
            return operator.holds(context.values(key), values, ifExists);
        } catch (MalformedPolicyException e) {
            // a request value that is not a date does not match a date condition
            return false;
        }
    }
}
