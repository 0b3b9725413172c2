package dev.mayfly.issuer.authz;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.token.Aead;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The encoded authorization message of an AccessDenied: what was asked, by whom, and which policies decided, sealed
 * (AES-256-GCM) and bound to the denied principal's account, so that only that account can read it, through
 * DecodeAuthorizationMessage. Its decoded JSON follows the shape AWS's has (allowed, explicitDeny, matchedStatements,
 * context) with the deciding policies named.
 */
public final class AuthorizationMessages {

    private static final String CONTEXT = "mayfly-authorization-message:";
    private final Aead aead;

    public AuthorizationMessages(Aead aead) {
        this.aead = aead;
    }

    /**
     * Why a request was refused.
     *
     * @param explicitDeny     whether a policy denied explicitly (otherwise nothing allowed)
     * @param decidingPolicies the policies (or other rules) that decided
     * @param reason           the decision in words
     */
    public record Explanation(boolean explicitDeny, List<String> decidingPolicies, String reason) {
    }

    public String encode(Caller caller, String action, String resource, Explanation explanation, Map<String, List<String>> conditionKeys) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("allowed", false);
        message.put("explicitDeny", explanation.explicitDeny());
        message.put("reason", explanation.reason());
        List<Map<String, Object>> statements = new ArrayList<>();
        for (String policy : explanation.decidingPolicies()) {
            statements.add(Map.of("policy", policy, "effect", explanation.explicitDeny() ? "DENY" : "NOT_ALLOWED"));
        }
        message.put("matchedStatements", Map.of("items", statements));
        message.put("failures", Map.of("items", List.of()));
        List<Map<String, Object>> conditions = new ArrayList<>();
        new TreeMap<>(conditionKeys).forEach((key, values) -> conditions.add(Map.of("key", key,
                "values", Map.of("items", values.stream().map(v -> Map.of("value", v)).toList()))));
        message.put("context", Map.of(
                "principal", Map.of("id", caller.principalId(), "arn", caller.arn()),
                "action", action, "resource", resource, "conditions", Map.of("items", conditions)));
        try {
            byte[] sealed = aead.seal(Json.mapper().writeValueAsBytes(message), CONTEXT + caller.accountId().value());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode an authorization message", e);
        }
    }

    /** The decoded message, if it was sealed here for a principal of this account. */
    public Optional<String> decode(String encoded, AccountId account) {
        try {
            byte[] plain = aead.open(Base64.getUrlDecoder().decode(encoded), CONTEXT + account.value());
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
