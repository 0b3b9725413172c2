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
        keys.put("aws:PrincipalArn", List.of(caller.policyPrincipal().arn()));
        keys.put("aws:PrincipalAccount", List.of(caller.accountId().value()));
        keys.put("aws:userid", List.of(caller.principalId()));
        keys.put("aws:PrincipalType", List.of(switch (caller.type()) {
            case ROOT -> "Account";
            case IAM_USER -> "User";
            case ASSUMED_ROLE -> "AssumedRole";
            case FEDERATED_USER -> "FederatedUser";
        }));
        caller.principalTags().forEach((key, value) -> keys.put("aws:PrincipalTag/" + key, List.of(value)));
        if (caller.userName() != null) {
            keys.put("aws:username", List.of(caller.userName()));
        }
        if (caller.session() != null) {
            keys.put("aws:TokenIssueTime", List.of(caller.session().issuedAt().toString()));
            keys.putAll(GlobalConditionKeys.mfa(caller.session().mfaAuthenticatedAt(), now));
        }
        return keys;
    }
}
