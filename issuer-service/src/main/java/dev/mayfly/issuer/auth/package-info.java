/**
 * Who is calling: the SigV4 signature checked against a long-term key's sealed secret or a session
 * token's sealed claims, turned into a {@link dev.mayfly.issuer.auth.Caller}.
 */
package dev.mayfly.issuer.auth;
