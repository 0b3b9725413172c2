package dev.mayfly.issuer.iam.simulation;

import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.policy.IpBlock;
import dev.mayfly.policy.MalformedPolicyException;
import dev.mayfly.policy.PolicyDocument;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The members SimulatePrincipalPolicy and SimulateCustomPolicy share, validated as IAM documents them: the policies
 * given (PolicyInputList, PermissionsBoundaryPolicyInputList, ResourcePolicy), ActionNames, ResourceArns, ResourceOwner,
 * CallerArn, ContextEntries and ResourceHandlingOption. Bad input is InvalidInput (IAM's code for these actions).
 *
 * @param inputPolicies   PolicyInputList, parsed as identity-based policies
 * @param boundary        the permissions boundary given, or null
 * @param resourcePolicy  ResourcePolicy, or null
 * @param actions         ActionNames
 * @param resources       ResourceArns, or {@code [*]}
 * @param resourcesNamed  whether ResourceArns were given
 * @param resourceOwner   the account id ResourceOwner names, or null
 * @param callerArn       CallerArn (an IAM user's ARN), or null
 * @param context         ContextEntries by key
 */
record SimulationRequest(List<SimulationPolicy> inputPolicies, SimulationPolicy boundary, SimulationPolicy resourcePolicy,
                         List<String> actions, List<String> resources, boolean resourcesNamed, String resourceOwner, String callerArn,
                         Map<String, List<String>> context) {

    /** Actions times resources: the most one simulation decides, so that one request cannot hold a thread for long. */
    static final int MAX_EVALUATIONS = 1000;
    private static final int MAX_POLICY_CHARS = 131_072;
    private static final int MAX_INPUT_POLICIES = 20;
    private static final int MAX_CONTEXT_ENTRIES = 100;
    private static final Pattern ACTION = Pattern.compile("[a-zA-Z0-9-]{1,64}:[\\w*?-]{1,128}");
    private static final Pattern USER_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):user/[\\x21-\\x7E]{1,512}");
    private static final Pattern ACCOUNT_ROOT = Pattern.compile("arn:aws:iam::(\\d{12}):root|(\\d{12})");
    private static final Set<String> RESOURCE_HANDLING = Set.of("EC2-Classic-InstanceStore", "EC2-Classic-EBS", "EC2-VPC-InstanceStore",
            "EC2-VPC-InstanceStore-Subnet", "EC2-VPC-EBS", "EC2-VPC-EBS-Subnet");
    private static final Set<String> CONTEXT_TYPES = Set.of("string", "stringList", "numeric", "numericList", "boolean", "booleanList",
            "ip", "ipList", "binary", "binaryList", "date", "dateList");

    static SimulationRequest from(QueryParameters parameters) {
        List<SimulationPolicy> inputs = policies(parameters, "PolicyInputList");
        List<SimulationPolicy> boundaries = policies(parameters, "PermissionsBoundaryPolicyInputList");
        if (boundaries.size() > 1) {
            throw invalid("PermissionsBoundaryPolicyInputList holds at most one policy: an identity has one permissions boundary.");
        }
        String resourceDocument = parameters.get("ResourcePolicy");
        SimulationPolicy resourcePolicy = resourceDocument == null ? null
                : SimulationPolicy.given("ResourcePolicy", "resource", resourceDocument, parsed(resourceDocument, "ResourcePolicy", false));
        List<String> actions = parameters.members("ActionNames");
        if (actions.isEmpty()) {
            throw AwsServiceException.validation("1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        actions.forEach(action -> {
            if (!ACTION.matcher(action).matches()) {
                throw invalid("Invalid action name " + shorten(action) + ": an action is service:Action, for example iam:CreateUser.");
            }
        });
        List<String> resources = parameters.members("ResourceArns");
        resources.forEach(arn -> {
            if (arn.isEmpty() || arn.length() > 2048 || !(arn.equals("*") || arn.startsWith("arn:"))) {
                throw invalid("Invalid resource ARN " + shorten(arn) + ": a resource is an ARN, or *.");
            }
        });
        boolean named = !resources.isEmpty();
        List<String> simulated = named ? List.copyOf(resources) : List.of("*");
        if ((long) actions.size() * simulated.size() > MAX_EVALUATIONS) {
            throw invalid("A simulation decides at most " + MAX_EVALUATIONS + " actions on resources (ActionNames times ResourceArns).");
        }
        String handling = parameters.get("ResourceHandlingOption");
        if (handling != null && !RESOURCE_HANDLING.contains(handling)) {
            throw invalid("Invalid ResourceHandlingOption " + shorten(handling) + ".");
        }
        return new SimulationRequest(inputs, boundaries.isEmpty() ? null : boundaries.getFirst(), resourcePolicy, List.copyOf(actions),
                simulated, named, resourceOwner(parameters.get("ResourceOwner")), callerArn(parameters.get("CallerArn")),
                contextEntries(parameters));
    }

    /** The account a CallerArn belongs to. */
    static String accountOf(String userArn) {
        var matcher = USER_ARN.matcher(userArn);
        return matcher.matches() ? matcher.group(1) : null;
    }

    /** The policies of a PolicyInputList-like member, parsed as identity-based policies. */
    static List<SimulationPolicy> policies(QueryParameters parameters, String list) {
        List<String> documents = parameters.members(list);
        if (documents.size() > MAX_INPUT_POLICIES) {
            throw invalid(list + " holds at most " + MAX_INPUT_POLICIES + " policies.");
        }
        List<SimulationPolicy> policies = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            String id = list + "." + (i + 1);
            policies.add(SimulationPolicy.given(id, "none", documents.get(i), parsed(documents.get(i), id, true)));
        }
        return policies;
    }

    private static PolicyDocument parsed(String document, String name, boolean identityPolicy) {
        if (document.isEmpty() || document.length() > MAX_POLICY_CHARS) {
            throw invalid(name + " must be a policy document of 1 to " + MAX_POLICY_CHARS + " characters.");
        }
        try {
            PolicyDocument parsed = PolicyDocument.parse(document);
            return identityPolicy ? parsed.requireIdentityPolicy() : parsed;
        } catch (MalformedPolicyException e) {
            throw invalid(name + " is not a valid policy: " + e.getMessage());
        }
    }

    private static String resourceOwner(String owner) {
        if (owner == null) {
            return null;
        }
        var matcher = ACCOUNT_ROOT.matcher(owner);
        if (!matcher.matches()) {
            throw invalid("ResourceOwner must name an account: arn:aws:iam::ACCOUNT-ID:root.");
        }
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    private static String callerArn(String arn) {
        if (arn != null && accountOf(arn) == null) {
            throw invalid("CallerArn must be the ARN of an IAM user: an assumed role, federated user or service cannot be simulated as caller.");
        }
        return arn;
    }

    /** ContextEntries.member.N.ContextKeyName, .ContextKeyValues.member.M and .ContextKeyType, by key. */
    private static Map<String, List<String>> contextEntries(QueryParameters parameters) {
        Map<String, List<String>> context = new LinkedHashMap<>();
        for (int i = 1; parameters.get("ContextEntries.member." + i + ".ContextKeyName") != null
                || parameters.get("ContextEntries.member." + i + ".ContextKeyType") != null; i++) {
            if (i > MAX_CONTEXT_ENTRIES) {
                throw invalid("ContextEntries holds at most " + MAX_CONTEXT_ENTRIES + " entries.");
            }
            String prefix = "ContextEntries.member." + i + ".";
            String key = parameters.get(prefix + "ContextKeyName");
            if (key == null || key.length() < 5 || key.length() > 256) {
                throw invalid("A context entry's ContextKeyName is 5 to 256 characters.");
            }
            String type = parameters.get(prefix + "ContextKeyType");
            if (type == null || !CONTEXT_TYPES.contains(type)) {
                throw invalid("The context entry " + shorten(key) + " needs a ContextKeyType: one of " + String.join(", ", CONTEXT_TYPES.stream().sorted().toList()) + ".");
            }
            List<String> values = parameters.members(prefix + "ContextKeyValues");
            if (values.size() > MAX_CONTEXT_ENTRIES || !type.endsWith("List") && values.size() > 1) {
                throw invalid("The context entry " + shorten(key) + " of type " + type + " has too many values.");
            }
            values.forEach(value -> requireOfType(key, type.replace("List", ""), value));
            context.put(key, List.copyOf(values));
        }
        return context;
    }

    private static void requireOfType(String key, String type, String value) {
        boolean valid = switch (type) {
            case "boolean" -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
            case "numeric" -> value.matches("-?\\d{1,30}(\\.\\d{1,30})?");
            case "date" -> isDate(value);
            case "ip" -> isIp(value);
            case "binary" -> isBase64(value);
            default -> value.length() <= 4096;
        };
        if (!valid) {
            throw invalid("The value " + shorten(value) + " of context entry " + shorten(key) + " is not a " + type.toLowerCase(Locale.ROOT) + ".");
        }
    }

    private static boolean isDate(String value) {
        if (value.matches("\\d{1,12}")) {
            return true;
        }
        try {
            Instant.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** An address or a CIDR block, as the condition operators IpAddress and NotIpAddress read them. */
    private static boolean isIp(String value) {
        try {
            IpBlock.parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Base64, as binary condition values are written (BinaryEquals compares them decoded). */
    private static boolean isBase64(String value) {
        try {
            Base64.getDecoder().decode(value);
            return value.length() <= 4096;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static AwsServiceException invalid(String message) {
        return new AwsServiceException("InvalidInput", message, 400);
    }

    static String shorten(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }
}
