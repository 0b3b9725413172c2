package dev.mayfly.issuer.protocol;

import dev.mayfly.issuer.api.Tagging;
import dev.mayfly.runtime.AwsServiceException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tags as IAM and STS take them ({@code Tags.member.N.Key} and {@code .Value}): keys of 1-128 and values of 0-256
 * characters of AWS's tag alphabet. Keys are compared without regard to case, as IAM and STS do (a tag replaces one
 * whose key differs only in case) while keeping the spelling given.
 */
public final class Tags {

    /** IAM's and STS's limit: 50 tags per entity, 50 session tags per request. */
    public static final int MAX_TAGS = 50;
    private static final String KEY_PATTERN = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+";
    private static final String VALUE_PATTERN = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*";

    private Tags() {
    }

    /**
     * The Tags parameter, in request order.
     *
     * @param invalidInputCode the error code of the service for duplicate or reserved keys (IAM: InvalidInput)
     */
    public static Map<String, String> parse(QueryParameters parameters, String invalidInputCode) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; parameters.get("Tags.member." + i + ".Key") != null; i++) {
            String key = QueryParameters.matching(parameters.required("Tags.member." + i + ".Key", "tags." + i + ".member.key", 1, 128),
                    "tags." + i + ".member.key", KEY_PATTERN);
            String value = QueryParameters.matching(parameters.optional("Tags.member." + i + ".Value", "tags." + i + ".member.value",
                    0, 256, ""), "tags." + i + ".member.value", VALUE_PATTERN);
            requireUnreserved(key, invalidInputCode);
            if (Tagging.find(tags, key) != null) {
                throw new AwsServiceException(invalidInputCode, "Duplicate tag keys found. Please note that Tag keys are case insensitive.", 400);
            }
            tags.put(key, value);
        }
        requireAtMostMax(tags.size(), "tags");
        return Collections.unmodifiableMap(tags);
    }

    /**
     * Session tags an identity provider asserts (in an ID token or a SAML assertion), held to the rules of request tags;
     * a tag that breaks them is the provider's claim, refused as such (IDPRejectedClaim).
     */
    public static Map<String, String> asserted(Map<String, String> tags) {
        Map<String, String> checked = new LinkedHashMap<>();
        tags.forEach((key, value) -> {
            boolean valid = key.length() <= 128 && key.matches(KEY_PATTERN) && value.length() <= 256 && value.matches(VALUE_PATTERN)
                    && !key.toLowerCase(Locale.ROOT).startsWith("aws:") && Tagging.find(checked, key) == null;
            if (!valid) {
                throw rejectedClaim("The identity provider's session tag " + key + " is not a valid session tag.");
            }
            checked.put(key, value);
        });
        if (checked.size() > MAX_TAGS) {
            throw rejectedClaim("The identity provider asserts more than " + MAX_TAGS + " session tags.");
        }
        return Collections.unmodifiableMap(checked);
    }

    private static AwsServiceException rejectedClaim(String message) {
        return new AwsServiceException("IDPRejectedClaim", message, 403);
    }

    /** A list of tag keys (UntagRole's TagKeys, AssumeRole's TransitiveTagKeys). */
    public static List<String> keys(QueryParameters parameters, String name, String field) {
        List<String> keys = new ArrayList<>();
        for (String key : parameters.members(name)) {
            if (key.isEmpty() || key.length() > 128) {
                throw AwsServiceException.validation("1 validation error detected: Value '" + key + "' at '" + field
                        + "' failed to satisfy constraint: Member must have length between 1 and 128");
            }
            keys.add(QueryParameters.matching(key, field, KEY_PATTERN));
        }
        requireAtMostMax(keys.size(), field);
        return List.copyOf(keys);
    }

    /** The condition keys a request that passes tags carries: aws:RequestTag/key for each, and aws:TagKeys. */
    public static Map<String, List<String>> requestConditionKeys(Map<String, String> tags) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        tags.forEach((key, value) -> keys.put("aws:RequestTag/" + key, List.of(value)));
        keys.put("aws:TagKeys", List.copyOf(tags.keySet()));
        return keys;
    }

    private static void requireUnreserved(String key, String invalidInputCode) {
        if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw new AwsServiceException(invalidInputCode, "Tag keys cannot start with the reserved prefix 'aws:'.", 400);
        }
    }

    private static void requireAtMostMax(int count, String field) {
        if (count > MAX_TAGS) {
            throw AwsServiceException.validation("1 validation error detected: Value at '" + field
                    + "' failed to satisfy constraint: Member must have length less than or equal to " + MAX_TAGS);
        }
    }
}
