package dev.mayfly.issuer.protocol;

import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.issuer.authz.ConditionKeys;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What an action gets: who calls, with which parameters, from where and when. */
public record ActionContext(Caller caller, QueryParameters parameters, String sourceIp, boolean secureTransport,
                            Instant now, String requestId) {

    /** The global condition keys of this request. */
    public Map<String, List<String>> conditionKeys() {
        return ConditionKeys.of(caller, sourceIp, secureTransport, now);
    }
}
