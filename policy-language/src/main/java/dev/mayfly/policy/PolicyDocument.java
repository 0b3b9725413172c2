package dev.mayfly.policy;

import java.util.List;

/** A parsed, validated policy document. */
public final class PolicyDocument {

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
