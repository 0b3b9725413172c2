package dev.mayfly.runtime.rest;

import java.util.List;
import java.util.Set;

/**
 * One operation of a REST API: {@code DELETE /rules/{RuleId}} is LiftRule. A path template is literal segments and
 * labels in braces; a label stands for exactly one segment of the request's (decoded) path, whatever it holds, even
 * nothing: what a label's value may be is the operation's to validate, with an error that names the parameter.
 *
 * @param method    the HTTP method, upper case
 * @param template  the path, with {@code {Label}} segments
 * @param operation the operation's name, as its service model and its audit records name it
 */
public record Route(String method, String template, String operation) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

    public Route {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("not an HTTP method: " + method);
        }
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("a path template starts with /: " + template);
        }
    }

    /** The template's segments, after its leading slash. */
    List<String> segments() {
        return List.of(template.substring(1).split("/", -1));
    }

    /** A segment's label name, {@code RuleId} for {@code {RuleId}}; null for a literal segment. */
    static String labelOf(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}") ? segment.substring(1, segment.length() - 1) : null;
    }
}
