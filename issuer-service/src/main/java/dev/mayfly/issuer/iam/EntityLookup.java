package dev.mayfly.issuer.iam;

import dev.mayfly.issuer.protocol.ActionContext;

/**
 * Finds the entity a request names, authorizing the IAM action (iam:TagUser, for example) on it first, and answers what
 * a {@link SharedAction} needs of it.
 *
 * @param <T> what the action needs of the entity
 */
@FunctionalInterface
public interface EntityLookup<T> {

    T find(ActionContext context, String iamAction);
}
