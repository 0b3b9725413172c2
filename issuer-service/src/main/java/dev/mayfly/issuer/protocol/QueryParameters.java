package dev.mayfly.issuer.protocol;

import dev.mayfly.runtime.AwsServiceException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The parameters of a Query request: from the query string and, for form posts, the body. It remembers which ones the
 * action read, and which as whole numbers: those are the parameters the action documents, and what the call's record
 * shows, typed as the action read them, rather than whatever a caller sent.
 */
public final class QueryParameters {

    private static final int MAX_PARAMETERS = 500;
    /**
     * The patterns of {@link #matching}, compiled once each: String.matches compiles its pattern on every call. Callers
     * pass constants from the code, never input, so the map holds as many patterns as the code names.
     */
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    private final Map<String, String> values;
    /** Requests are served one thread each; the set is only read once the action is done. */
    private final Set<String> read = new HashSet<>();
    private final Set<String> readAsNumbers = new HashSet<>();

    private QueryParameters(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static QueryParameters parse(String rawQuery, String formBody) {
        Map<String, String> values = new LinkedHashMap<>();
        addAll(values, rawQuery);
        addAll(values, formBody);
        return new QueryParameters(values);
    }

    private static void addAll(Map<String, String> values, String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            if (values.size() >= MAX_PARAMETERS) {
                throw AwsServiceException.validation("Too many request parameters (at most " + MAX_PARAMETERS + ").");
            }
            int eq = pair.indexOf('=');
            try {
                values.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new AwsServiceException("MalformedQueryString", "The request's parameters are not URL-encoded correctly.", 400);
            }
        }
    }

    /** A parameter's value, or null. */
    public String get(String name) {
        read.add(name);
        return values.get(name);
    }

    /**
     * A required parameter within length limits, as AWS's validation reports it.
     *
     * @param field the parameter's name as AWS's validation messages spell it (lower camel case)
     */
    public String required(String name, String field, int minLength, int maxLength) {
        String value = get(name);
        if (value == null) {
            throw AwsServiceException.validation("1 validation error detected: Value null at '" + field
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return checkLength(value, field, minLength, maxLength);
    }

    /** An optional parameter within length limits, or the default. */
    public String optional(String name, String field, int minLength, int maxLength, String defaultValue) {
        String value = get(name);
        return value == null ? defaultValue : checkLength(value, field, minLength, maxLength);
    }

    /** An optional whole-number parameter, or the default. */
    public int optionalInt(String name, String field, int defaultValue) {
        readAsNumbers.add(name);
        String value = get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw AwsServiceException.validation("1 validation error detected: Value '" + shorten(value) + "' at '" + field
                    + "' failed to satisfy constraint: Member must be a number");
        }
    }

    /**
     * A list parameter as the Query protocol sends it: {@code Name.member.1}, {@code Name.member.2}... (AWS SDKs number
     * members from 1 without gaps). Empty when absent.
     */
    public List<String> members(String name) {
        List<String> members = new ArrayList<>();
        for (int i = 1; values.containsKey(name + ".member." + i); i++) {
            members.add(get(name + ".member." + i));
        }
        return members;
    }

    /** Checks a value against a pattern (a constant: see {@link #PATTERNS}), answering as AWS's validation does. */
    public static String matching(String value, String field, String pattern) {
        if (value != null && !PATTERNS.computeIfAbsent(pattern, Pattern::compile).matcher(value).matches()) {
            throw AwsServiceException.validation("1 validation error detected: Value '" + shorten(value) + "' at '" + field
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: " + pattern);
        }
        return value;
    }

    private static String checkLength(String value, String field, int minLength, int maxLength) {
        int length = value.codePointCount(0, value.length());
        if (length < minLength) {
            throw AwsServiceException.validation("1 validation error detected: Value '" + shorten(value) + "' at '" + field
                    + "' failed to satisfy constraint: Member must have length greater than or equal to " + minLength);
        }
        if (length > maxLength) {
            throw AwsServiceException.validation("1 validation error detected: Value at '" + field
                    + "' failed to satisfy constraint: Member must have length less than or equal to " + maxLength);
        }
        return value;
    }

    private static String shorten(String value) {
        return value.length() > 128 ? value.substring(0, 128) + "..." : value;
    }

    /** The parameters the action read, in the order the caller sent them. */
    public Map<String, String> read() {
        Map<String, String> readOnes = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (read.contains(name)) {
                readOnes.put(name, value);
            }
        });
        return readOnes;
    }

    /** Of those, the ones read as whole numbers. */
    public Set<String> readAsNumbers() {
        return Collections.unmodifiableSet(readAsNumbers);
    }
}
