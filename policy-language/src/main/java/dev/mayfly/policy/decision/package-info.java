/**
 * The one access decision of Mayfly: whether a requester may do an action on a resource, as AWS's policy evaluation
 * logic decides it, across the identity-based policies, permissions boundary and session policies of the requester and
 * the resource-based policy of the resource, within one account and across accounts (the tenant boundary). The issuer
 * and the verifier both call {@link dev.mayfly.policy.decision.AccessDecision}, each reading policies from where it
 * keeps them through a {@link dev.mayfly.policy.decision.PolicySource}.
 *
 * <p>Owns: which layers apply to a requester, how they combine, which account a resource belongs to, and which
 * labelled policies decided. Must not touch: authentication, revocation, condition keys' sources, any framework.
 */
package dev.mayfly.policy.decision;
