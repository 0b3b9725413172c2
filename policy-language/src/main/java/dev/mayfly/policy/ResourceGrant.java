package dev.mayfly.policy;

/**
 * How a resource-based policy's Allow names the caller, which decides what the grant is worth within one account
 * (AWS's evaluation logic):
 * <ul>
 *   <li>{@link #PRINCIPAL}: the caller itself (an IAM user's ARN, a role session's or federated user's ARN): the
 *       grant stands alone, whatever the identity policies, permissions boundary and session policies say;</li>
 *   <li>{@link #ROLE}: the role a session belongs to: the grant needs no identity policy but stays within the
 *       session's permissions boundary and session policies;</li>
 *   <li>{@link #ACCOUNT}: the account (or everyone): the grant is delegated to the account, whose identity policies
 *       must allow too;</li>
 *   <li>{@link #NONE}: no Allow applies.</li>
 * </ul>
 * Across accounts, every grant needs the caller's identity policies as well.
 */
public enum ResourceGrant { PRINCIPAL, ROLE, ACCOUNT, NONE }
