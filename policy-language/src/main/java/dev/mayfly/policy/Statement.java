package dev.mayfly.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One statement. Each of the element pairs (Action/NotAction, Resource/NotResource, Principal/NotPrincipal)
 * holds at most one side; a null list means the element is absent. Resource patterns may hold policy
 * variables when the document's version allows them ({@code variables}).
 */
record Statement(String sid, Effect effect, Map<String, List<String>> principals, boolean notPrincipal,
                 List<String> actions, boolean notAction, List<String> resources, boolean notResource,
                 List<Condition> conditions, boolean variables) {

    /*
     * Every decision evaluates each statement of each layer: loops rather than streams here, which allocated a pipeline
     * and its lambdas per element matched (some 10 KB per decision, a third of a verifier's), for the same result.
     */
    boolean applies(RequestContext context) {
        return matchesAction(context.action()) && matchesResource(context)
                && matchesPrincipal(context.principal()) && conditionsHold(context);
    }

    private boolean conditionsHold(RequestContext context) {
        for (Condition condition : conditions) {
            if (!condition.holds(context)) {
                return false;
            }
        }
        return true;
    }

    private boolean matchesAction(String action) {
        boolean any = false;
        for (String pattern : actions) {
            if (Wildcard.matches(pattern, action, true)) {
                any = true;
                break;
            }
        }
        return notAction != any;
    }

    private boolean matchesResource(RequestContext context) {
        if (resources == null) {
            // trust policies have no Resource: the role they are attached to is the resource
            return true;
        }
        boolean any = false;
        for (String pattern : resources) {
            Optional<String> resolved = variables ? PolicyVariables.resolve(pattern, context, true) : Optional.of(pattern);
            if (resolved.isPresent() && Wildcard.matches(resolved.get(), context.resource(), false)) {
                any = true;
                break;
            }
        }
        return notResource != any;
    }

    /**
     * How this (applying) statement names the principal: the principal itself, the role of its session, or its account
     * (by id, root ARN or "*"). A NotPrincipal statement names nobody specifically.
     */
    ResourceGrant grantTo(Principal principal) {
        if (principals == null || notPrincipal) {
            return ResourceGrant.ACCOUNT;
        }
        List<String> named = principals.getOrDefault(principal.type(), List.of());
        boolean session = principal.sessionArn() != null;
        if (named.contains(session ? principal.sessionArn() : principal.arn()) || (!principal.type().equals("AWS") && named.contains(principal.arn()))) {
            return ResourceGrant.PRINCIPAL;
        }
        if (session && named.contains(principal.arn())) {
            return ResourceGrant.ROLE;
        }
        if (principal.uniqueId() != null && named.contains(principal.uniqueId())) {
            // the id a stored policy bound the user's or role's ARN to: the user itself, or the role of the session
            return session ? ResourceGrant.ROLE : ResourceGrant.PRINCIPAL;
        }
        return ResourceGrant.ACCOUNT;
    }

    private boolean matchesPrincipal(Principal principal) {
        if (principals == null) {
            return true;
        }
        boolean any = principal != null && (principals.getOrDefault(principal.type(), List.of()).stream()
                .anyMatch(named -> principal.type().equals("AWS") ? names(named, principal) : named.equals(principal.arn()))
                || principals.getOrDefault("AWS", List.of()).contains("*"));
        return notPrincipal != any;
    }

    /**
     * "*" is everyone; an account id or its root ARN is every principal of that account (whose own identity
     * policies must then allow too, which the caller of the evaluator checks); otherwise the ARN itself.
     */
    private static boolean names(String named, Principal principal) {
        if (named.equals("*")) {
            return true;
        }
        if (named.equals(principal.accountId()) || named.equals("arn:aws:iam::" + principal.accountId() + ":root")) {
            return true;
        }
        return named.equals(principal.arn()) || named.equals(principal.sessionArn()) || named.equals(principal.uniqueId());
    }

    /** This statement with each IAM principal the ids map holds named by its unique id instead of its ARN. */
    Statement withPrincipalIds(Map<String, String> ids) {
        if (principals == null || !principals.containsKey("AWS")) {
            return this;
        }
        Map<String, List<String>> bound = new LinkedHashMap<>(principals);
        bound.put("AWS", principals.get("AWS").stream().map(named -> ids.getOrDefault(named, named)).toList());
        return new Statement(sid, effect, bound, notPrincipal, actions, notAction, resources, notResource, conditions, variables);
    }

    /** The values of the Principal (or NotPrincipal) element's AWS key; none when it has none. */
    List<String> awsPrincipals() {
        return principals == null ? List.of() : principals.getOrDefault("AWS", List.of());
    }
}
