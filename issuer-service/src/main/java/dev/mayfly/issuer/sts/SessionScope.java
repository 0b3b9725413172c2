package dev.mayfly.issuer.sts;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.PolicyRef;
import dev.mayfly.issuer.api.Tagging;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.protocol.Tags;
import dev.mayfly.issuer.query.IdentityDirectory;
import dev.mayfly.policy.MalformedPolicyException;
import dev.mayfly.policy.PolicyDocument;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What bounds and labels a session besides its principal: session policies (the inline Policy and up to ten managed
 * PolicyArns of the session's account), session tags with the keys that are transitive, and when MFA was proven.
 * STS packs the policies and tags together under one limit and reports the share used as PackedPolicySize; Mayfly
 * counts their characters (the policy without white space) against 2,048.
 *
 * @param policy             the inline session policy, or null
 * @param policyArns         managed session policies
 * @param tags               session tags, inherited transitive ones included
 * @param transitiveTagKeys  the tags a role chained from this session inherits
 * @param mfaAuthenticatedAt when MFA was proven for the session, or null
 */
record SessionScope(String policy, List<String> policyArns, Map<String, String> tags, List<String> transitiveTagKeys,
                    Instant mfaAuthenticatedAt) {

    static final int PACKED_LIMIT = 2048;
    static final int MAX_POLICY_ARNS = 10;
    private static final Pattern POLICY_ARN = Pattern.compile("arn:aws:iam::(\\d{12}|aws):policy/(?:[\\x21-\\x7E]*/)?([\\w+=,.@-]{1,128})");

    static SessionScope none() {
        return new SessionScope(null, List.of(), Map.of(), List.of(), null);
    }

    /**
     * The session policies of a request (Policy, PolicyArns), checked as far as the request alone allows: the inline one
     * is a valid identity policy, the managed ones are policy ARNs. Whether those exist is checked by
     * {@link #requireManagedPoliciesIn} once the caller may use the role.
     */
    static SessionScope policies(QueryParameters parameters) {
        String policy = parameters.optional("Policy", "policy", 1, 100_000, null);
        if (policy != null) {
            try {
                PolicyDocument.parse(policy).requireIdentityPolicy();
            } catch (MalformedPolicyException e) {
                throw new AwsServiceException("MalformedPolicyDocument", e.getMessage(), 400);
            }
        }
        List<String> arns = new ArrayList<>();
        for (int i = 1; parameters.get("PolicyArns.member." + i + ".arn") != null; i++) {
            String arn = parameters.required("PolicyArns.member." + i + ".arn", "policyArns." + i + ".member.arn", 20, 2048);
            if (!POLICY_ARN.matcher(arn).matches()) {
                throw AwsServiceException.validation(arn + " is not a valid policy ARN.");
            }
            arns.add(arn);
        }
        if (arns.size() > MAX_POLICY_ARNS) {
            throw AwsServiceException.validation("1 validation error detected: Value at 'policyArns' failed to satisfy constraint: "
                    + "Member must have length less than or equal to " + MAX_POLICY_ARNS);
        }
        return new SessionScope(policy, List.copyOf(arns), Map.of(), List.of(), null);
    }

    /**
     * Requires the managed session policies to exist in the session's account, or to be AWS-managed policies Mayfly
     * provides. Only for a caller the role's account has accepted: to anyone else, which policies an account has is its
     * own business.
     *
     * @return this scope
     */
    SessionScope requireManagedPoliciesIn(AccountId account, IdentityDirectory directory) {
        for (String arn : policyArns) {
            Matcher m = POLICY_ARN.matcher(arn);
            boolean exists = m.matches() && (m.group(1).equals("aws") ? directory.awsManagedPolicy(account, arn).isPresent()
                    : m.group(1).equals(account.value())
                    && directory.managedPolicy(new PolicyRef(account, m.group(2))).filter(p -> p.arn().equals(arn)).isPresent());
            if (!exists) {
                throw new AwsServiceException("MalformedPolicyDocument", "Policy " + arn + " does not exist or is not attachable.", 400);
            }
        }
        return this;
    }

    /**
     * This scope with the request's session tags and, for role chaining, the caller's transitive tags, which the request
     * may not set again.
     *
     * @param inherited the caller session's transitive tags (empty when not chaining)
     */
    SessionScope withTags(Map<String, String> requested, List<String> requestedTransitive, Map<String, String> inherited) {
        for (String key : requestedTransitive) {
            if (Tagging.find(requested, key) == null) {
                throw new AwsServiceException("InvalidParameterValue", "The transitive tag key " + key + " is not among the session tags.", 400);
            }
        }
        for (String key : inherited.keySet()) {
            if (Tagging.find(requested, key) != null) {
                throw new AwsServiceException("InvalidParameterValue", "The session tag " + key
                        + " is inherited as a transitive tag and cannot be set again in a chained session.", 400);
            }
        }
        Map<String, String> tags = new LinkedHashMap<>(inherited);
        tags.putAll(requested);
        List<String> transitive = new ArrayList<>(inherited.keySet());
        transitive.addAll(requestedTransitive);
        if (tags.size() > Tags.MAX_TAGS) {
            throw AwsServiceException.validation("1 validation error detected: Value at 'tags' failed to satisfy constraint: "
                    + "Member must have length less than or equal to " + Tags.MAX_TAGS);
        }
        return new SessionScope(policy, policyArns, Map.copyOf(tags), List.copyOf(transitive), mfaAuthenticatedAt);
    }

    /** The transitive tags a caller's session passes on to a role it assumes; none for other callers. */
    static Map<String, String> transitiveTagsOf(dev.mayfly.issuer.auth.Caller caller) {
        if (caller.session() == null) {
            return Map.of();
        }
        Map<String, String> inherited = new LinkedHashMap<>();
        caller.session().transitiveTagKeys().forEach(key -> {
            String present = Tagging.find(caller.session().tags(), key);
            if (present != null) {
                inherited.put(present, caller.session().tags().get(present));
            }
        });
        return inherited;
    }

    SessionScope withMfa(Instant at) {
        return new SessionScope(policy, policyArns, tags, transitiveTagKeys, at);
    }

    /**
     * The share of the packed limit the policies and tags use, in percent; null when there are none.
     *
     * @throws AwsServiceException PackedPolicyTooLarge beyond the limit
     */
    Integer packedPercentage() {
        if (policy == null && policyArns.isEmpty() && tags.isEmpty()) {
            return null;
        }
        int packed = (policy == null ? 0 : policy.replaceAll("\\s", "").length())
                + policyArns.stream().mapToInt(String::length).sum()
                + tags.entrySet().stream().mapToInt(t -> t.getKey().length() + t.getValue().length()).sum();
        int percentage = (packed * 100 + PACKED_LIMIT - 1) / PACKED_LIMIT;
        if (packed > PACKED_LIMIT) {
            throw new AwsServiceException("PackedPolicyTooLarge",
                    "Packed size of session policies and session tags combined was too large: " + percentage + "% of the allowed size.", 400);
        }
        return percentage;
    }

    /** The request's session tags as condition keys: aws:RequestTag/key, aws:TagKeys, sts:TransitiveTagKeys. */
    static Map<String, List<String>> conditionKeys(Map<String, String> requested, List<String> transitive) {
        if (requested.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> keys = new LinkedHashMap<>(Tags.requestConditionKeys(requested));
        keys.put("sts:TransitiveTagKeys", List.copyOf(transitive));
        return keys;
    }
}
