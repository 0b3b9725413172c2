package dev.mayfly.issuer.authz;

import dev.mayfly.issuer.auth.Caller;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The global condition keys every request carries, from its caller and transport. */
public final class ConditionKeys {

    private ConditionKeys() {
    }

    public static Map<String, List<String>> of(Caller caller, String sourceIp, boolean secureTransport, Instant now) {
        Map<String, List<String>> keys = transport(sourceIp, secureTransport, now);
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
            Instant mfaAt = caller.session().mfaAuthenticatedAt();
            keys.putAll(mfaAt == null ? Map.of("aws:MultiFactorAuthPresent", List.of("false")) : mfa(mfaAt, now));
        }
        return keys;
    }

    /** The keys every request carries, whoever makes it: time, source address, transport. */
    public static Map<String, List<String>> transport(String sourceIp, boolean secureTransport, Instant now) {
        Map<String, List<String>> keys = new HashMap<>();
        keys.put("aws:CurrentTime", List.of(now.toString()));
        keys.put("aws:EpochTime", List.of(Long.toString(now.getEpochSecond())));
        keys.put("aws:SourceIp", List.of(sourceIp));
        keys.put("aws:SecureTransport", List.of(Boolean.toString(secureTransport)));
        return keys;
    }

    /**
     * The keys of a request authenticated with MFA: aws:MultiFactorAuthPresent and aws:MultiFactorAuthAge (seconds since).
     * Long-term credentials carry neither; temporary ones without MFA say false.
     */
    public static Map<String, List<String>> mfa(Instant mfaAuthenticatedAt, Instant now) {
        return Map.of("aws:MultiFactorAuthPresent", List.of("true"),
                "aws:MultiFactorAuthAge", List.of(Long.toString(Math.max(0, now.getEpochSecond() - mfaAuthenticatedAt.getEpochSecond()))));
    }
}
