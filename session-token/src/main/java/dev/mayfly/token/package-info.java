/**
 * Authenticated encryption under rotatable key ids ({@link dev.mayfly.token.Aead}, {@link dev.mayfly.token.KeyRing}),
 * and its main use: session tokens, the claims of a temporary credential (including its secret) sealed so
 * that any holder of the token keys can open and check a session without a lookup.
 *
 * <p>Owns: the sealed formats, the key ring and its file form. Must not touch: how sessions are issued or
 * authorized, where sealed bytes are stored, and any framework.
 */
package dev.mayfly.token;
