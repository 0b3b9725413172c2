package dev.mayfly.issuer.protocol;

import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.issuer.authz.ConditionKeys;
import dev.mayfly.policy.GlobalConditionKeys;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an action gets: who calls, with which parameters, from where and when.
 *
 * @param region      the region the request was signed for
 * @param requestKeys condition keys that come from the request's parameters (aws:RequestTag/..., aws:TagKeys)
 */
public record ActionContext(Caller caller, QueryParameters parameters, String sourceIp, boolean secureTransport,
                            Instant now, String requestId, String region, Map<String, List<String>> requestKeys) {

    public ActionContext(Caller caller, QueryParameters parameters, String sourceIp, boolean secureTransport, Instant now,
                         String requestId, String region) {
        this(caller, parameters, sourceIp, secureTransport, now, requestId, region, Map.of());
    }

    /** The condition keys of this request: the global ones, and those of its parameters. */
    public Map<String, List<String>> conditionKeys() {
        Map<String, List<String>> keys = caller == null ? GlobalConditionKeys.transport(sourceIp, secureTransport, now)
                : ConditionKeys.of(caller, sourceIp, secureTransport, now);
        keys.putAll(requestKeys);
        return keys;
    }

    /** This context with more condition keys from the request's parameters. */
    public ActionContext withRequestKeys(Map<String, List<String>> more) {
        Map<String, List<String>> keys = new HashMap<>(requestKeys);
        keys.putAll(more);
        return new ActionContext(caller, parameters, sourceIp, secureTransport, now, requestId, region, Map.copyOf(keys));
    }
}
