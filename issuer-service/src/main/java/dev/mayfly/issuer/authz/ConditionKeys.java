package dev.mayfly.issuer.authz;

import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.policy.GlobalConditionKeys;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The global condition keys every request carries, from its caller and transport. */
public final class ConditionKeys {

    private ConditionKeys() {
    }

    public static Map<String, List<String>> of(Caller caller, String sourceIp, boolean secureTransport, Instant now) {
        Map<String, List<String>> keys = GlobalConditionKeys.transport(sourceIp, secureTransport, now);
        keys.putAll(caller.requester().conditionKeys(caller.principalId(), caller.principalTags()));
        if (caller.session() != null) {
            keys.putAll(GlobalConditionKeys.session(caller.session().issuedAt(), caller.session().mfaAuthenticatedAt(), now));
        }
        return keys;
    }
}
