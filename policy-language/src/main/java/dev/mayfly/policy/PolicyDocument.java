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
     * Whether an Allow statement that applies names the caller specifically rather than through its account
     * ("arn:aws:iam::111122223333:root" or "111122223333"). Within one account, a trust policy that names the
     * caller itself is enough; one that names only the account also needs the caller's identity policies.
     */
    public boolean allowsNamingPrincipalItself(RequestContext context) {
        Principal principal = context.principal();
        return principal != null && statements.stream().anyMatch(s -> s.effect() == Effect.ALLOW && s.applies(context)
                && s.principals() != null && !s.notPrincipal()
                && s.principals().getOrDefault("AWS", List.of()).contains(principal.arn()));
    }
}
