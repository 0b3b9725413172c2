/**
 * Authenticated encryption under rotatable key ids ({@link dev.mayfly.token.Aead}, {@link dev.mayfly.token.KeyRing}),
 * and its main use: session tokens, the claims of a temporary credential (including its secret) sealed under keys only
 * the issuer holds. And what the issuer tells a resource server's verifier of a session it was shown
 * ({@link dev.mayfly.token.SessionKeyGrants}): the claims without the secret, signed with the issuer's Ed25519 key
 * ({@link dev.mayfly.token.SignedClaims}), and SigV4's signing key of one day, region and the verifier's own service.
 *
 * <p>Owns: the sealed and signed formats, the AES key ring and its file form, the rules of what may be granted. Must not
 * touch: how sessions are issued or authorized, where sealed bytes are stored, how grants travel, and any framework.
 */
package dev.mayfly.token;
