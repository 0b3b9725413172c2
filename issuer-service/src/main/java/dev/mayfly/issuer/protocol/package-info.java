/**
 * The AWS Query protocol that STS and IAM speak: form-encoded parameters in, XML out, errors in AWS's
 * ErrorResponse document. One endpoint authenticates, dispatches to a {@link dev.mayfly.issuer.protocol.QueryAction},
 * records the call, and answers; each action converts its parameters, decides, and renders its result. The actions
 * served are those of the {@link dev.mayfly.issuer.protocol.ActionCatalog}, made of the action groups of STS and of
 * each IAM resource.
 *
 * <p>Owns: the wire format, dispatch, and the catalog of actions. Must not touch: what any action does (that is
 * {@code sts} and {@code iam}'s), or make actions of its own: an action is served only when a group lists it.
 */
package dev.mayfly.issuer.protocol;
