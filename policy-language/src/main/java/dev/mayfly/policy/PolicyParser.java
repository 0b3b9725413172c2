package dev.mayfly.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses and validates a policy document, with the messages IAM's MalformedPolicyDocument gives. */
final class PolicyParser {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final String CURRENT_VERSION = "2012-10-17";
    private static final Set<String> VERSIONS = Set.of(CURRENT_VERSION, "2008-10-17");
    private static final String FOR_ALL_VALUES = "ForAllValues:";
    private static final String FOR_ANY_VALUE = "ForAnyValue:";
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");

    private PolicyParser() {
    }

    static PolicyDocument parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedPolicyException("Syntax errors in policy.");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPolicyException("Syntax errors in policy.");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of("Version", "Id", "Statement").contains(name)) {
                throw new MalformedPolicyException("Policy document should not specify a " + name + " element.");
            }
        }
        if (root.has("Version") && !VERSIONS.contains(root.get("Version").asText())) {
            throw new MalformedPolicyException("The policy must contain a valid version string");
        }
        // policy variables exist only in the 2012-10-17 language; a document without Version is 2008-10-17
        boolean variables = CURRENT_VERSION.equals(root.path("Version").asText());
        JsonNode statementNode = root.get("Statement");
        if (statementNode == null || statementNode.isNull()) {
            throw new MalformedPolicyException("Policy document must contain a Statement element.");
        }
        List<Statement> statements = new ArrayList<>();
        for (JsonNode node : statementNode.isArray() ? statementNode : List.of(statementNode)) {
            statements.add(statement(node, variables));
        }
        return new PolicyDocument(statements);
    }

    private static Statement statement(JsonNode node, boolean variables) {
        if (!node.isObject()) {
            throw new MalformedPolicyException("Syntax errors in policy.");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!STATEMENT_FIELDS.contains(name)) {
                throw new MalformedPolicyException("Statement contains an unknown element: " + name);
            }
        }
        Effect effect = switch (node.path("Effect").asText("")) {
            case "Allow" -> Effect.ALLOW;
            case "Deny" -> Effect.DENY;
            default -> throw new MalformedPolicyException("Invalid effect: " + node.path("Effect").asText(""));
        };
        exclusive(node, "Action", "NotAction", true);
        exclusive(node, "Resource", "NotResource", false);
        exclusive(node, "Principal", "NotPrincipal", false);
        boolean notAction = node.has("NotAction");
        List<String> actions = strings(node.get(notAction ? "NotAction" : "Action"), notAction ? "NotAction" : "Action");
        for (String action : actions) {
            if (!action.equals("*") && !action.matches("[A-Za-z0-9-]+:[A-Za-z0-9*?]+")) {
                throw new MalformedPolicyException("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
            }
        }
        boolean notResource = node.has("NotResource");
        JsonNode resourceNode = node.get(notResource ? "NotResource" : "Resource");
        List<String> resources = resourceNode == null ? null : strings(resourceNode, "Resource");
        if (resources != null) {
            for (String resource : resources) {
                if (!resource.equals("*") && !resource.startsWith("arn:")) {
                    throw new MalformedPolicyException("Resource " + resource + " must be in ARN format or \"*\".");
                }
            }
        }
        boolean notPrincipal = node.has("NotPrincipal");
        JsonNode principalNode = node.get(notPrincipal ? "NotPrincipal" : "Principal");
        return new Statement(node.path("Sid").asText(null), effect, principalNode == null ? null : principals(principalNode),
                notPrincipal, actions, notAction, resources, notResource, conditions(node.get("Condition"), variables), variables);
    }

    private static void exclusive(JsonNode node, String element, String negated, boolean required) {
        if (node.has(element) && node.has(negated)) {
            throw new MalformedPolicyException("Statement cannot have both " + element + " and " + negated + ".");
        }
        if (required && !node.has(element) && !node.has(negated)) {
            throw new MalformedPolicyException("Policy statement must contain actions.");
        }
    }

    private static Map<String, List<String>> principals(JsonNode node) {
        Map<String, List<String>> principals = new LinkedHashMap<>();
        if (node.isTextual() && node.asText().equals("*")) {
            principals.put("AWS", List.of("*"));
            return principals;
        }
        if (!node.isObject()) {
            throw new MalformedPolicyException("Invalid principal in policy: " + node);
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!Set.of("AWS", "Service", "Federated", "CanonicalUser").contains(field.getKey())) {
                throw new MalformedPolicyException("Invalid principal in policy: \"" + field.getKey() + "\"");
            }
            List<String> values = strings(field.getValue(), "Principal");
            if (field.getKey().equals("AWS")) {
                for (String value : values) {
                    if (!value.equals("*") && !value.matches("\\d{12}") && !value.matches("arn:aws:(iam|sts)::\\d{12}:.+")) {
                        throw new MalformedPolicyException("Invalid principal in policy: \"AWS\":\"" + value + "\"");
                    }
                }
            }
            principals.put(field.getKey(), values);
        }
        return principals;
    }

    private static List<Condition> conditions(JsonNode node, boolean variables) {
        List<Condition> conditions = new ArrayList<>();
        if (node == null) {
            return conditions;
        }
        if (!node.isObject()) {
            throw new MalformedPolicyException("Syntax errors in policy.");
        }
        for (Iterator<Map.Entry<String, JsonNode>> operators = node.fields(); operators.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = operators.next();
            String name = entry.getKey();
            Condition.Qualifier qualifier = Condition.Qualifier.NONE;
            String base = name;
            if (base.startsWith(FOR_ALL_VALUES)) {
                qualifier = Condition.Qualifier.FOR_ALL_VALUES;
                base = base.substring(FOR_ALL_VALUES.length());
            } else if (base.startsWith(FOR_ANY_VALUE)) {
                qualifier = Condition.Qualifier.FOR_ANY_VALUE;
                base = base.substring(FOR_ANY_VALUE.length());
            }
            boolean ifExists = base.endsWith("IfExists");
            if (ifExists) {
                base = base.substring(0, base.length() - "IfExists".length());
            }
            ConditionOperator operator = ConditionOperator.named(base)
                    .filter(op -> op != ConditionOperator.NULL || !ifExists)
                    .orElseThrow(() -> new MalformedPolicyException("Invalid Condition type : " + name));
            if (!entry.getValue().isObject()) {
                throw new MalformedPolicyException("Syntax errors in policy.");
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = entry.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                List<String> values = strings(key.getValue(), "Condition");
                values.stream().filter(v -> !(variables && v.contains("${"))).forEach(operator::validate);
                conditions.add(new Condition(operator, qualifier, ifExists, key.getKey(), values, variables));
            }
        }
        return conditions;
    }

    private static List<String> strings(JsonNode node, String element) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            throw new MalformedPolicyException("Syntax errors in policy.");
        }
        for (JsonNode value : node.isArray() ? node : List.of(node)) {
            if (!value.isValueNode() || value.isNull()) {
                throw new MalformedPolicyException("Syntax errors in policy.");
            }
            values.add(value.asText());
        }
        if (values.isEmpty()) {
            throw new MalformedPolicyException("Required " + element + " is empty.");
        }
        return values;
    }
}
