package dev.mayfly.policy;

/**
 * AWS's evaluation logic for a request that meets a resource-based policy (a trust policy, for instance) as well as
 * the caller's identity-based policies, permissions boundary and session policies. An explicit deny in any of them
 * refuses. Within one account, the identity side (identity policies within the boundary and the session policies)
 * or the resource-based policy may allow, as {@link ResourceGrant} details; across accounts both must.
 *
 * @param identity      the caller's identity-based policies together
 * @param boundary      its permissions boundary, or null when it has none
 * @param session       its session policies together, or null when its session has none
 * @param resource      the resource-based policy
 * @param grant         how the resource-based policy's Allow names the caller
 * @param sameAccount   whether caller and resource are in one account
 */
public record Evaluation(Decision identity, Decision boundary, Decision session, Decision resource, ResourceGrant grant,
                         boolean sameAccount) {

    public boolean allowed() {
        if (isDeny(identity) || isDeny(boundary) || isDeny(session) || isDeny(resource)) {
            return false;
        }
        boolean withinBounds = allows(boundary) && allows(session);
        boolean identityAllows = identity == Decision.ALLOW && withinBounds;
        boolean resourceAllows = resource == Decision.ALLOW && grant != ResourceGrant.NONE;
        if (!sameAccount) {
            return identityAllows && resourceAllows;
        }
        if (identityAllows) {
            return true;
        }
        if (!resourceAllows) {
            return false;
        }
        return switch (grant) {
            case PRINCIPAL -> true;
            case ROLE -> withinBounds;
            case ACCOUNT, NONE -> false;
        };
    }

    private static boolean isDeny(Decision decision) {
        return decision == Decision.EXPLICIT_DENY;
    }

    /** An absent layer (null) does not restrict. */
    private static boolean allows(Decision decision) {
        return decision == null || decision == Decision.ALLOW;
    }
}
