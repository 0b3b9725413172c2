package dev.mayfly.policy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The condition operators this evaluator knows. A policy naming any other operator is refused when it is
 * written: skipping an unknown condition would make a Deny statement silently never apply.
 */
enum ConditionOperator {
    STRING_EQUALS("StringEquals", false, String::equals),
    STRING_NOT_EQUALS("StringNotEquals", true, String::equals),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", false, String::equalsIgnoreCase),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", true, String::equalsIgnoreCase),
    STRING_LIKE("StringLike", false, (actual, pattern) -> Wildcard.matches(pattern, actual, false)),
    STRING_NOT_LIKE("StringNotLike", true, (actual, pattern) -> Wildcard.matches(pattern, actual, false)),
    BOOL("Bool", false, (actual, expected) -> actual.equalsIgnoreCase(expected)),
    DATE_EQUALS("DateEquals", false, (actual, expected) -> compareDates(actual, expected) == 0),
    DATE_NOT_EQUALS("DateNotEquals", true, (actual, expected) -> compareDates(actual, expected) == 0),
    DATE_LESS_THAN("DateLessThan", false, (actual, expected) -> compareDates(actual, expected) < 0),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", false, (actual, expected) -> compareDates(actual, expected) <= 0),
    DATE_GREATER_THAN("DateGreaterThan", false, (actual, expected) -> compareDates(actual, expected) > 0),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", false, (actual, expected) -> compareDates(actual, expected) >= 0);

    private final String policyName;
    private final boolean negated;
    private final BiPredicate<String, String> test;

    ConditionOperator(String policyName, boolean negated, BiPredicate<String, String> test) {
        this.policyName = policyName;
        this.negated = negated;
        this.test = test;
    }

    String policyName() {
        return policyName;
    }

    static Optional<ConditionOperator> named(String name) {
        for (ConditionOperator operator : values()) {
            if (operator.policyName.equals(name)) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the condition holds. A key missing from the request never matches a positive operator and
     * always satisfies a negated one, as IAM documents; the IfExists forms treat a missing key as a match.
     */
    boolean holds(List<String> actualValues, List<String> policyValues, boolean ifExists) {
        if (actualValues == null || actualValues.isEmpty()) {
            return ifExists || negated;
        }
        boolean anyMatch = actualValues.stream().anyMatch(actual -> policyValues.stream().anyMatch(p -> test.test(actual, p)));
        return negated != anyMatch;
    }

    void validate(String value) {
        if (name().startsWith("DATE")) {
            parseDate(value);
        } else if (this == BOOL && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new MalformedPolicyException("Bool condition values must be true or false, not '" + value + "'");
        }
    }

    private static int compareDates(String actual, String expected) {
        return parseDate(actual).compareTo(parseDate(expected));
    }

    /** ISO-8601 instants or epoch seconds, as IAM accepts both. */
    private static Instant parseDate(String value) {
        try {
            if (value.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochSecond(Long.parseLong(value));
            }
            return Instant.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new MalformedPolicyException("Date condition value '" + value + "' is not an ISO 8601 date");
        }
    }
}
