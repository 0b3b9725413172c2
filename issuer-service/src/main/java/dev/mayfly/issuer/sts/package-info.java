/**
 * STS (Version 2011-06-15): each action converts its parameters into a request record, decides in its
 * provider, and renders AWS's result. Sessions are issued by {@link dev.mayfly.issuer.sts.SessionIssuer}.
 */
package dev.mayfly.issuer.sts;
