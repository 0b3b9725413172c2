/**
 * Ed25519 key rings: a component's private {@link dev.mayfly.signing.SigningKeyRing} (kept in an owner-only file, only
 * by the component that signs) and the {@link dev.mayfly.signing.PublicKeyRing} everyone else checks its signatures
 * with; a component's ring with its public half kept beside it ({@link dev.mayfly.signing.PublishedKeyRing}), and another
 * component's public keys followed in their file ({@link dev.mayfly.signing.PublicKeyFile}); signatures already verified,
 * reused by readers of the same records in one process ({@link dev.mayfly.signing.VerifiedSignatures}). Owns key files
 * and signatures; knows nothing of what is signed.
 */
package dev.mayfly.signing;
