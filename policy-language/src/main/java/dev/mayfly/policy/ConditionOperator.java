package dev.mayfly.policy;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * Every condition operator of the IAM policy language. Each compares one request value with one policy
 * value; negated operators are the complement of their positive twin, value by value. A policy naming
 * an unknown operator is refused when it is written: skipping an unknown condition would make a Deny
 * statement silently never apply.
 */
enum ConditionOperator {
    STRING_EQUALS("StringEquals", false, String::equals, v -> { }),
    STRING_NOT_EQUALS("StringNotEquals", true, String::equals, v -> { }),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", false, String::equalsIgnoreCase, v -> { }),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", true, String::equalsIgnoreCase, v -> { }),
    STRING_LIKE("StringLike", false, (actual, pattern) -> Wildcard.matches(pattern, actual, false), v -> { }),
    STRING_NOT_LIKE("StringNotLike", true, (actual, pattern) -> Wildcard.matches(pattern, actual, false), v -> { }),
    NUMERIC_EQUALS("NumericEquals", false, (a, p) -> compareNumbers(a, p) == 0, ConditionOperator::number),
    NUMERIC_NOT_EQUALS("NumericNotEquals", true, (a, p) -> compareNumbers(a, p) == 0, ConditionOperator::number),
    NUMERIC_LESS_THAN("NumericLessThan", false, (a, p) -> compareNumbers(a, p) < 0, ConditionOperator::number),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", false, (a, p) -> compareNumbers(a, p) <= 0, ConditionOperator::number),
    NUMERIC_GREATER_THAN("NumericGreaterThan", false, (a, p) -> compareNumbers(a, p) > 0, ConditionOperator::number),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", false, (a, p) -> compareNumbers(a, p) >= 0, ConditionOperator::number),
    DATE_EQUALS("DateEquals", false, (a, p) -> compareDates(a, p) == 0, ConditionOperator::date),
    DATE_NOT_EQUALS("DateNotEquals", true, (a, p) -> compareDates(a, p) == 0, ConditionOperator::date),
    DATE_LESS_THAN("DateLessThan", false, (a, p) -> compareDates(a, p) < 0, ConditionOperator::date),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", false, (a, p) -> compareDates(a, p) <= 0, ConditionOperator::date),
    DATE_GREATER_THAN("DateGreaterThan", false, (a, p) -> compareDates(a, p) > 0, ConditionOperator::date),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", false, (a, p) -> compareDates(a, p) >= 0, ConditionOperator::date),
    BOOL("Bool", false, String::equalsIgnoreCase, ConditionOperator::bool),
    BINARY_EQUALS("BinaryEquals", false, ConditionOperator::sameBytes, ConditionOperator::base64),
    IP_ADDRESS("IpAddress", false, ConditionOperator::inNetwork, ConditionOperator::network),
    NOT_IP_ADDRESS("NotIpAddress", true, ConditionOperator::inNetwork, ConditionOperator::network),
    ARN_EQUALS("ArnEquals", false, ConditionOperator::arnMatches, v -> { }),
    ARN_LIKE("ArnLike", false, ConditionOperator::arnMatches, v -> { }),
    ARN_NOT_EQUALS("ArnNotEquals", true, ConditionOperator::arnMatches, v -> { }),
    ARN_NOT_LIKE("ArnNotLike", true, ConditionOperator::arnMatches, v -> { }),
    /** "true": the key is absent from the request; "false": it is present. Compared by {@link Condition} itself. */
    NULL("Null", false, (a, p) -> false, ConditionOperator::bool);

    private final String policyName;
    private final boolean negated;
    private final BiPredicate<String, String> test;
    private final Consumer<String> validator;

    ConditionOperator(String policyName, boolean negated, BiPredicate<String, String> test, Consumer<String> validator) {
        this.policyName = policyName;
        this.negated = negated;
        this.test = test;
        this.validator = validator;
    }

    static Optional<ConditionOperator> named(String name) {
        for (ConditionOperator operator : values()) {
            if (operator.policyName.equals(name)) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }

    /** The operator's name as a policy writes it. */
    String policyName() {
        return policyName;
    }

    boolean negated() {
        return negated;
    }

    /** Whether the operators that compare with wildcards (StringLike, Arn...) are this one: their values are patterns. */
    boolean comparesPatterns() {
        return this == STRING_LIKE || this == STRING_NOT_LIKE || name().startsWith("ARN_");
    }

    /** The positive test: one request value matches at least one policy value. */
    boolean matchesAny(String actual, List<String> policyValues) {
        for (String policyValue : policyValues) {
            if (matches(actual, policyValue)) {
                return true;
            }
        }
        return false;
    }

    /** Whether one request value satisfies the operator: matches a policy value, or for a negated operator matches none. */
    boolean satisfiedBy(String actual, List<String> policyValues) {
        return negated != matchesAny(actual, policyValues);
    }

    private boolean matches(String actual, String policyValue) {
        try {
            return test.test(actual, policyValue);
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            // a request value that is not a number, date (or one past the last instant), address or base64 matches nothing
            return false;
        }
    }

    /** Checks a policy value when the policy is written. */
    void validate(String value) {
        validator.accept(value);
    }

    private static void number(String value) {
        try {
            new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new MalformedPolicyException("Numeric condition value '" + value + "' is not a number");
        }
    }

    private static int compareNumbers(String actual, String expected) {
        return new BigDecimal(actual.strip()).compareTo(new BigDecimal(expected.strip()));
    }

    private static void date(String value) {
        try {
            parseDate(value);
        } catch (DateTimeException | NumberFormatException e) {
            // DateTimeException, not only its parse subclass: epoch seconds past Instant.MAX are digits but no instant
            throw new MalformedPolicyException("Date condition value '" + value + "' is not an ISO 8601 date");
        }
    }

    private static int compareDates(String actual, String expected) {
        return parsedDate(actual).compareTo(parsedDate(expected));
    }

    /**
     * Dates parsed once (a bounded cache): a policy's values, and a request's, which repeat too (a session's
     * aws:TokenIssueTime on each of its requests, aws:CurrentTime within its second). Parsing an instant costs more than
     * the rest of a condition's evaluation.
     */
    private static final java.util.Map<String, Instant> DATES = new java.util.concurrent.ConcurrentHashMap<>();

    private static Instant parsedDate(String value) {
        Instant parsed = DATES.get(value);
        if (parsed == null) {
            if (DATES.size() > 10_000) {
                DATES.clear();
            }
            parsed = parseDate(value);
            DATES.put(value, parsed);
        }
        return parsed;
    }

    /** ISO-8601 instants or epoch seconds, as IAM accepts both. */
    private static Instant parseDate(String value) {
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochSecond(Long.parseLong(value));
        }
        return Instant.parse(value.toUpperCase(Locale.ROOT));
    }

    private static void bool(String value) {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new MalformedPolicyException("Bool condition values must be true or false, not '" + value + "'");
        }
    }

    private static void base64(String value) {
        try {
            Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedPolicyException("BinaryEquals condition value '" + value + "' is not base64");
        }
    }

    private static boolean sameBytes(String actual, String expected) {
        return java.util.Arrays.equals(Base64.getDecoder().decode(actual), Base64.getDecoder().decode(expected));
    }

    private static void network(String value) {
        try {
            IpBlock.parse(value.strip());
        } catch (IllegalArgumentException e) {
            throw new MalformedPolicyException("IpAddress condition value '" + value + "' is not an IP address or CIDR block");
        }
    }

    private static boolean inNetwork(String actual, String network) {
        return IpBlock.parse(network.strip()).contains(IpLiteral.parse(actual.strip()));
    }

    /**
     * ArnEquals and ArnLike alike, as IAM documents: the six colon-separated parts are compared one by one,
     * each with wildcards; the resource part keeps any further colons.
     */
    private static boolean arnMatches(String actual, String pattern) {
        String[] a = actual.split(":", 6);
        String[] p = pattern.split(":", 6);
        if (a.length != 6 || p.length != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (!Wildcard.matches(p[i], a[i], false)) {
                return false;
            }
        }
        return true;
    }
}
