package dev.mayfly.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * What IAM's GetAccountAuthorizationDetails says each user and role of an account is granted: the actions its Allow
 * statements name (as written, wildcards included), from its inline policies, the default versions of its attached
 * managed policies, and, for a user, its groups' inline and attached policies. Deny and NotAction statements grant no
 * action by name and are left out: "granted but unused" is about what a statement names.
 */
final class AccountAuthorization {

    /** A user or role, and the action patterns its policies allow. */
    record Principal(String arn, String name, boolean isRole, Set<String> granted) {
    }

    private final List<Principal> principals = new ArrayList<>();

    List<Principal> principals() {
        return principals;
    }

    /** Reads every page of GetAccountAuthorizationDetails (the answers' XML, in order). */
    static AccountAuthorization of(List<String> pages) {
        List<Element> users = new ArrayList<>();
        List<Element> roles = new ArrayList<>();
        Map<String, Element> groups = new HashMap<>();
        Map<String, Set<String>> managed = new HashMap<>();
        for (String page : pages) {
            Element result = IamXml.at(IamXml.parse(page), "GetAccountAuthorizationDetailsResult");
            users.addAll(IamXml.members(result, "UserDetailList"));
            roles.addAll(IamXml.members(result, "RoleDetailList"));
            IamXml.members(result, "GroupDetailList").forEach(group -> groups.put(IamXml.text(group, "GroupName"), group));
            for (Element policy : IamXml.members(result, "Policies")) {
                for (Element version : IamXml.members(policy, "PolicyVersionList")) {
                    if ("true".equals(IamXml.text(version, "IsDefaultVersion"))) {
                        managed.put(IamXml.text(policy, "Arn"), allowedActions(IamXml.text(version, "Document")));
                    }
                }
            }
        }
        AccountAuthorization authorization = new AccountAuthorization();
        for (Element user : users) {
            Set<String> granted = granted(user, "UserPolicyList", managed);
            for (Element group : IamXml.members(user, "GroupList")) {
                Element detail = groups.get(group.getTextContent().trim());
                if (detail != null) {
                    granted.addAll(granted(detail, "GroupPolicyList", managed));
                }
            }
            authorization.principals.add(new Principal(IamXml.text(user, "Arn"), IamXml.text(user, "UserName"), false, granted));
        }
        for (Element role : roles) {
            authorization.principals.add(new Principal(IamXml.text(role, "Arn"), IamXml.text(role, "RoleName"), true,
                    granted(role, "RolePolicyList", managed)));
        }
        return authorization;
    }

    /** The actions of an entity's inline policies (in the list named) and of its attached managed policies. */
    private static Set<String> granted(Element entity, String inlineList, Map<String, Set<String>> managed) {
        Set<String> granted = new LinkedHashSet<>();
        IamXml.members(entity, inlineList).forEach(policy -> granted.addAll(allowedActions(IamXml.text(policy, "PolicyDocument"))));
        IamXml.members(entity, "AttachedManagedPolicies")
                .forEach(policy -> granted.addAll(managed.getOrDefault(IamXml.text(policy, "PolicyArn"), Set.of())));
        return granted;
    }

    /** The Action values of a policy's Allow statements; the document is URL-encoded, as IAM answers it. */
    static Set<String> allowedActions(String encodedDocument) {
        Set<String> actions = new LinkedHashSet<>();
        if (encodedDocument == null) {
            return actions;
        }
        JsonNode document;
        try {
            document = Json.mapper().readTree(URLDecoder.decode(encodedDocument, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            return actions;
        }
        JsonNode statements = document.path("Statement");
        for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
            if ("Allow".equals(statement.path("Effect").asText())) {
                JsonNode action = statement.path("Action");
                for (JsonNode value : action.isArray() ? action : List.of(action)) {
                    if (value.isTextual()) {
                        actions.add(value.asText());
                    }
                }
            }
        }
        return actions;
    }
}
