/**
 * Session tokens: the claims of a temporary credential (including its secret) sealed with AES-256-GCM
 * under a key id, so that any holder of the token keys can open and check a session without a lookup.
 *
 * <p>Owns: the token format, the key ring and its file form. Must not touch: how sessions are issued or
 * authorized, and any framework.
 */
package dev.mayfly.token;
