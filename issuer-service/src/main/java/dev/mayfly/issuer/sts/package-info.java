/**
 * STS (Version 2011-06-15): each action converts its parameters into a request record, decides in its
 * provider, and renders AWS's result. Sessions are issued by {@link dev.mayfly.issuer.sts.SessionIssuer}. The actions
 * are registered by {@link dev.mayfly.issuer.sts.StsActions}.
 *
 * <p>Owns: STS's actions and sessions. Must not touch: the IAM actions (identities are read from the directory).
 */
package dev.mayfly.issuer.sts;
