/**
 * IAM (Version 2010-05-08): what its actions share. Every IAM action extends {@link dev.mayfly.issuer.iam.IamAction}:
 * it validates its parameters as IAM documents, authorizes the caller, then sends a command. Actions live in the
 * package of the resource they act on ({@code users}, {@code groups}, {@code roles}, {@code accesskeys},
 * {@code policies}, {@code mfadevices}, {@code identityproviders}, {@code instanceprofiles}, {@code account}), each registered by that package's
 * {@link dev.mayfly.issuer.protocol.ActionGroup}; this package holds the building blocks they share (parameters,
 * lookups, XML, paging) and the actions several resources serve alike (attachments, inline policies, tags,
 * permissions boundaries, listing), which each resource's group names with their AWS action names.
 *
 * <p>Owns: IAM's shared rules. Must not touch: the resource packages (they depend on this one, never the reverse), STS.
 */
package dev.mayfly.issuer.iam;
