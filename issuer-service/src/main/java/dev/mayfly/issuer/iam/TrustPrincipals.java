package dev.mayfly.issuer.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.issuer.query.Views.RoleView;
import dev.mayfly.policy.PolicyDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The users and roles a trust policy names, bound to who they are when it is stored, as IAM binds them: a Principal that
 * names a user or role by ARN is saved as that principal's unique id. A user or role deleted and created again under
 * the same name has a new id, and so does not inherit the trust its predecessor had; the policy then shows the id of
 * the principal that is gone, where it showed the ARN.
 */
public final class TrustPrincipals {

    private static final List<String> PRINCIPAL_ELEMENTS = List.of("Principal", "NotPrincipal");

    private TrustPrincipals() {
    }

    /**
     * What a user or role of another account that does not exist is bound to: no user or role has this id, so it names
     * nobody, not even one created later under that ARN.
     */
    public static final String NOBODY = "mayfly:no-such-principal";

    /**
     * The unique id of each user and role the policy names, by ARN. A policy that names one of the role's own account
     * that does not exist is refused, as IAM refuses it (MalformedPolicyDocument, "Invalid principal in policy"). One
     * of another account is not the caller's to know about: IAM's refusal would tell any tenant which users and roles
     * another has, so such a principal is accepted and bound to {@link #NOBODY}, the same answer whether it exists or not.
     */
    public static Map<String, String> bound(String trustPolicy, AccountId account, IdentityDirectory directory) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String arn : PolicyDocument.parse(trustPolicy).namedUsersAndRoles()) {
            Optional<String> id = directory.userOrRoleIdOf(arn);
            if (id.isEmpty() && arn.startsWith("arn:aws:iam::" + account.value() + ":")) {
                throw IamErrors.malformedPolicyDocument("Invalid principal in policy: \"AWS\":\"" + arn + "\"");
            }
            ids.put(arn, id.orElse(NOBODY));
        }
        return ids;
    }

    /** The role, its trust policy as IAM shows it: each bound principal that no longer holds its ARN shows as its unique id. */
    public static RoleView shown(RoleView role, IdentityDirectory directory) {
        Map<String, String> gone = new LinkedHashMap<>();
        role.trustPrincipalIds().forEach((arn, id) -> {
            // a principal that was never bound shows as written: its id would tell that it did not exist
            if (!id.equals(NOBODY) && !directory.userOrRoleIdOf(arn).map(id::equals).orElse(false)) {
                gone.put(arn, id);
            }
        });
        return gone.isEmpty() ? role : role.shownWithTrustPolicy(replaced(role.trustPolicy(), gone));
    }

    /** The policy's text with the AWS principals that {@code ids} holds replaced by their ids; the rest as it was. */
    private static String replaced(String policy, Map<String, String> ids) {
        try {
            JsonNode document = Json.mapper().readTree(policy);
            JsonNode statements = document.path("Statement");
            for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
                for (String element : PRINCIPAL_ELEMENTS) {
                    if (statement.path(element) instanceof ObjectNode principal && principal.has("AWS")) {
                        principal.set("AWS", replaced(principal.get("AWS"), ids));
                    }
                }
            }
            return Json.mapper().writeValueAsString(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored trust policy is not JSON", e);
        }
    }

    private static JsonNode replaced(JsonNode aws, Map<String, String> ids) {
        if (aws.isTextual()) {
            return TextNode.valueOf(ids.getOrDefault(aws.asText(), aws.asText()));
        }
        if (aws.isArray()) {
            ArrayNode out = Json.mapper().createArrayNode();
            aws.forEach(value -> out.add(replaced(value, ids)));
            return out;
        }
        return aws;
    }
}
