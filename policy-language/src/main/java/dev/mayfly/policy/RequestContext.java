package dev.mayfly.policy;

import java.util.List;
import java.util.Map;

/**
 * What a policy is evaluated against.
 *
 * @param action        "service:Action", for example "sts:AssumeRole"
 * @param resource      the resource ARN, or "*"
 * @param principal     the caller, for resource-based policies; may be null for identity policies
 * @param conditionKeys the condition keys of the request (names as AWS spells them; compared without case)
 */
public record RequestContext(String action, String resource, Principal principal, Map<String, List<String>> conditionKeys) {

    public RequestContext {
        conditionKeys = conditionKeys == null ? Map.of() : conditionKeys;
    }

    /** The values of a condition key, looked up without regard to case as IAM does; null when absent. */
    public List<String> values(String key) {
        List<String> exact = conditionKeys.get(key);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, List<String>> entry : conditionKeys.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(key)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
