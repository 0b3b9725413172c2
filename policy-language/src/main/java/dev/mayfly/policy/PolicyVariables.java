package dev.mayfly.policy;

import java.util.List;
import java.util.Optional;

/**
 * Policy variables in Resource and Condition values (Version 2012-10-17 policies only):
 * {@code ${aws:username}}, with a default {@code ${aws:PrincipalTag/team, 'none'}} (a quote inside the default
 * is written twice), and the escapes {@code ${*}}, {@code ${?}} and {@code ${$}} for those characters taken
 * literally. A key that is absent or has several values cannot be resolved without a default: the value then
 * matches nothing. Substitution happens once; what a value brings in is never read as a variable or a wildcard.
 */
final class PolicyVariables {

    /** Stand-ins, in patterns, for a '*' or '?' that must match only itself. */
    static final char LITERAL_STAR = '\uE000';
    static final char LITERAL_QUESTION = '\uE001';

    private PolicyVariables() {
    }

    /**
     * @param pattern whether the result is a wildcard pattern: then the '*' and '?' that come from variables
     *                are marked to match only themselves
     * @return the value with its variables resolved, or empty when one cannot be
     */
    static Optional<String> resolve(String value, RequestContext context, boolean pattern) {
        if (!value.contains("${")) {
            return Optional.of(value);
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            if (start < 0) {
                out.append(value, i, value.length());
                break;
            }
            out.append(value, i, start);
            int end = closingBrace(value, start + 2);
            if (end < 0) {
                return Optional.empty();
            }
            Optional<String> replacement = variable(value.substring(start + 2, end).strip(), context);
            if (replacement.isEmpty()) {
                return Optional.empty();
            }
            out.append(pattern ? literal(replacement.get()) : replacement.get());
            i = end + 1;
        }
        return Optional.of(out.toString());
    }

    /** The closing brace of a variable, skipping a quoted default (where '' is one quote). */
    private static int closingBrace(String value, int from) {
        boolean quoted = false;
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'') {
                if (quoted && i + 1 < value.length() && value.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == '}' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<String> variable(String body, RequestContext context) {
        switch (body) {
            case "*", "?", "$" -> {
                return Optional.of(body);
            }
            case "" -> {
                return Optional.empty();
            }
            default -> {
                int comma = body.indexOf(',');
                String key = (comma < 0 ? body : body.substring(0, comma)).strip();
                if (key.isEmpty() || key.contains(" ")) {
                    return Optional.empty();
                }
                List<String> values = context.values(key);
                if (values != null && values.size() == 1) {
                    return Optional.of(values.get(0));
                }
                return comma < 0 ? Optional.empty() : defaultValue(body.substring(comma + 1).strip());
            }
        }
    }

    private static Optional<String> defaultValue(String quoted) {
        if (quoted.length() < 2 || quoted.charAt(0) != '\'' || quoted.charAt(quoted.length() - 1) != '\'') {
            return Optional.empty();
        }
        return Optional.of(quoted.substring(1, quoted.length() - 1).replace("''", "'"));
    }

    private static String literal(String text) {
        return text.replace('*', LITERAL_STAR).replace('?', LITERAL_QUESTION);
    }
}
