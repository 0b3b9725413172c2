package dev.mayfly.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A parsed, validated policy document. */
public final class PolicyDocument {

    private static final Pattern USER_OR_ROLE = Pattern.compile("arn:aws:iam::\\d{12}:(user|role)/.+");

    private final List<Statement> statements;

    PolicyDocument(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    public static PolicyDocument parse(String json) {
        return PolicyParser.parse(json);
    }

    /** A role's trust policy: every statement names who (Principal) and none names a Resource, as IAM requires. */
    public PolicyDocument requireTrustPolicy() {
        for (Statement statement : statements) {
            if (statement.principals() == null) {
                throw new MalformedPolicyException("Missing required field Principal");
            }
            if (statement.resources() != null) {
                throw new MalformedPolicyException("Has prohibited field Resource");
            }
        }
        return this;
    }

    /** An identity-based policy: it applies to whoever it is attached to, so no statement may name a Principal. */
    public PolicyDocument requireIdentityPolicy() {
        for (Statement statement : statements) {
            if (statement.principals() != null) {
                throw new MalformedPolicyException("Policy document should not specify a principal.");
            }
            if (statement.resources() == null) {
                throw new MalformedPolicyException("Policy statement must contain resources.");
            }
        }
        return this;
    }

    /**
     * The IAM users and roles the document's principals name by ARN (arn:aws:iam::ACCOUNT:user/... or :role/...): those a
     * stored policy binds to their unique ids, as IAM does, so that a user or role deleted and created again under the
     * same name is not the principal the policy meant.
     */
    public Set<String> namedUsersAndRoles() {
        Set<String> named = new LinkedHashSet<>();
        statements.forEach(statement -> statement.awsPrincipals().stream().filter(arn -> USER_OR_ROLE.matcher(arn).matches())
                .forEach(named::add));
        return named;
    }

    /**
     * This document as a stored policy is evaluated: each principal ARN that {@code ids} binds names only the user or
     * role of that unique id, and nobody else, whatever holds the ARN today.
     */
    public PolicyDocument withPrincipalIds(Map<String, String> ids) {
        return ids.isEmpty() ? this : new PolicyDocument(statements.stream().map(s -> s.withPrincipalIds(ids)).toList());
    }

    /** Explicit deny if any Deny statement applies, else allow if any Allow statement does, else not applicable. */
    public Decision evaluate(RequestContext context) {
        Decision decision = Decision.NOT_APPLICABLE;
        for (Statement statement : statements) {
            if (statement.applies(context)) {
                if (statement.effect() == Effect.DENY) {
                    return Decision.EXPLICIT_DENY;
                }
                decision = Decision.ALLOW;
            }
        }
        return decision;
    }

    /**
     * The statements of this effect that apply to the request, by their place in the document (0 for the first): what
     * a policy simulation names as matched. {@link #evaluate} decides; this only tells which statements it saw apply.
     */
    public List<Integer> applying(RequestContext context, Effect effect) {
        List<Integer> applying = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            Statement statement = statements.get(i);
            if (statement.effect() == effect && statement.applies(context)) {
                applying.add(i);
            }
        }
        return applying;
    }

    /** The condition keys the statements' conditions read, as written, each once, in the order they first appear. */
    public Set<String> conditionKeys() {
        Set<String> keys = new LinkedHashSet<>();
        statements.forEach(statement -> statement.conditions().forEach(condition -> keys.add(condition.key())));
        return keys;
    }

    /** The Allow statements, as an analysis of whom a resource-based policy lets in reads them ({@link AllowGrant}). */
    public List<AllowGrant> allowGrants() {
        return statements.stream().filter(statement -> statement.effect() == Effect.ALLOW).map(AllowGrant::of).toList();
    }

    /**
     * How the Allow statements that apply name the caller: itself (its ARN, or its session's), the role its session
     * belongs to, or only its account (its id, its root ARN, "*"); the most specific wins. NONE when none applies.
     */
    public ResourceGrant grant(RequestContext context) {
        Principal principal = context.principal();
        ResourceGrant grant = ResourceGrant.NONE;
        if (principal == null) {
            return grant;
        }
        for (Statement statement : statements) {
            if (statement.effect() != Effect.ALLOW || !statement.applies(context)) {
                continue;
            }
            ResourceGrant named = statement.grantTo(principal);
            if (named.ordinal() < grant.ordinal()) {
                grant = named;
            }
        }
        return grant;
    }
}
