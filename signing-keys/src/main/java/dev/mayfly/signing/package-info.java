/**
 * Ed25519 key rings: a component's private {@link dev.mayfly.signing.SigningKeyRing} (kept in an owner-only file, only
 * by the component that signs) and the {@link dev.mayfly.signing.PublicKeyRing} everyone else checks its signatures
 * with. Owns key files and signatures; knows nothing of what is signed.
 */
package dev.mayfly.signing;
