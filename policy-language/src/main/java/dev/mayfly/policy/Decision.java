package dev.mayfly.policy;

/** The outcome of evaluating policies: an explicit deny beats an allow, which beats no statement at all. */
public enum Decision {
    EXPLICIT_DENY, ALLOW, NOT_APPLICABLE;

    public boolean isAllowed() {
        return this == ALLOW;
    }

    /**
     * Intersects with a policy that bounds this one (a session policy, a permissions boundary): allowed only
     * when both allow; an explicit deny in either denies.
     */
    public Decision intersect(Decision bound) {
        if (this == EXPLICIT_DENY || bound == EXPLICIT_DENY) {
            return EXPLICIT_DENY;
        }
        return this == ALLOW && bound == ALLOW ? ALLOW : NOT_APPLICABLE;
    }

    /** Combines the decisions of several documents that apply together (say, all identity policies of a user). */
    public Decision combine(Decision other) {
        if (this == EXPLICIT_DENY || other == EXPLICIT_DENY) {
            return EXPLICIT_DENY;
        }
        return this == ALLOW || other == ALLOW ? ALLOW : NOT_APPLICABLE;
    }
}
