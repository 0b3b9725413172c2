package dev.mayfly.issuer.analyzer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.issuer.api.AccessAnalyzerErrors;
import dev.mayfly.issuer.api.FindingFilter;
import dev.mayfly.issuer.api.FindingFilter.Criterion;
import dev.mayfly.runtime.AwsServiceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The members of an Access Analyzer request body, typed and bounded as its model constrains them: a member of the wrong
 * JSON type, out of its bounds or of no known value is a ValidationException naming it, never a server error.
 */
final class RequestFields {

    static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,254}");
    /** The filter keys of IAM Access Analyzer's findings of IAM roles ("IAM Access Analyzer filter keys"). */
    private static final Set<String> FILTER_KEYS = Set.of("id", "status", "resource", "resourceType", "resourceOwnerAccount",
            "isPublic", "principal.AWS", "principal.Federated", "error");
    private static final int MAX_STRING = 2048;
    private static final int MAX_CRITERIA = 50;
    private static final int MAX_VALUES = 20;

    private final JsonNode body;

    RequestFields(JsonNode body) {
        this.body = body;
    }

    /** A ValidationException naming the member, as AWS's validation does. */
    static AwsServiceException invalid(String member, String constraint) {
        return AccessAnalyzerErrors.validation("1 validation error detected: Value at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }

    String requiredString(String member) {
        return optionalString(member).orElseThrow(() -> invalid(member, "Member must not be null"));
    }

    Optional<String> optionalString(String member) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw invalid(member, "Member must be a string");
        }
        if (value.asText().length() > MAX_STRING) {
            throw invalid(member, "Member must have length less than or equal to " + MAX_STRING);
        }
        return Optional.of(value.asText());
    }

    Optional<Integer> optionalInt(String member) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isInt()) {
            throw invalid(member, "Member must be an integer");
        }
        return Optional.of(value.asInt());
    }

    List<String> stringList(String member, int max) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > max) {
            throw invalid(member, "Member must be a list of at most " + max + " strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual() || element.asText().length() > MAX_STRING) {
                throw invalid(member, "Member must be a list of strings");
            }
            values.add(element.asText());
        }
        return values;
    }

    Map<String, String> stringMap(String member, int maxEntries) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject() || value.size() > maxEntries) {
            throw invalid(member, "Member must be a map of at most " + maxEntries + " string entries");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        value.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual() || entry.getKey().length() > 128 || entry.getValue().asText().length() > 256) {
                throw invalid(member, "Member must be a map of strings (keys up to 128, values up to 256 characters)");
            }
            entries.put(entry.getKey(), entry.getValue().asText());
        });
        return entries;
    }

    /** A FilterCriteriaMap member; an empty filter when absent. */
    FindingFilter filter(String member) {
        return filterOf(body.get(member), member);
    }

    static FindingFilter filterOf(JsonNode value, String member) {
        if (value == null || value.isNull()) {
            return new FindingFilter(Map.of());
        }
        if (!value.isObject() || value.size() > MAX_CRITERIA) {
            throw invalid(member, "Member must be a map of at most " + MAX_CRITERIA + " criteria");
        }
        Map<String, Criterion> criteria = new LinkedHashMap<>();
        value.fields().forEachRemaining(entry -> {
            String key = entry.getKey();
            if (!FILTER_KEYS.contains(key) && !(key.startsWith("condition.") && key.length() <= 256)) {
                throw AccessAnalyzerErrors.validation("Invalid filter key: " + (key.length() > 64 ? key.substring(0, 64) + "..." : key) + ".");
            }
            criteria.put(key, criterion(entry.getValue(), member + "." + key));
        });
        return new FindingFilter(criteria);
    }

    private static Criterion criterion(JsonNode value, String member) {
        if (!value.isObject()) {
            throw invalid(member, "Member must be a structure");
        }
        RequestFields fields = new RequestFields(value);
        List<String> eq = fields.values("eq", member);
        List<String> neq = fields.values("neq", member);
        List<String> contains = fields.values("contains", member);
        JsonNode exists = value.get("exists");
        if (exists != null && !exists.isNull() && !exists.isBoolean()) {
            throw invalid(member + ".exists", "Member must be a boolean");
        }
        Boolean existsValue = exists == null || exists.isNull() ? null : exists.asBoolean();
        if (eq.isEmpty() && neq.isEmpty() && contains.isEmpty() && existsValue == null) {
            throw invalid(member, "A criterion must have at least one of eq, neq, contains or exists");
        }
        return new Criterion(eq, neq, contains, existsValue);
    }

    private List<String> values(String operator, String member) {
        JsonNode value = body.get(operator);
        if (value != null && !value.isNull() && value.isArray() && value.isEmpty()) {
            throw invalid(member + "." + operator, "Member must have length greater than or equal to 1");
        }
        try {
            return stringList(operator, MAX_VALUES);
        } catch (AwsServiceException e) {
            throw invalid(member + "." + operator, "Member must be a list of 1 to " + MAX_VALUES + " strings");
        }
    }
}
