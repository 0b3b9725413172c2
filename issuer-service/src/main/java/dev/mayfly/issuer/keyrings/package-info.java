/**
 * Where the issuer's key rings come from (session-token, credential-vault, issuer-signing) and where a rotation goes:
 * the deployment's rings on mayfly.keys, shared by every issuer ({@link dev.mayfly.issuer.keyrings.TopicKeyRings}),
 * when the operator gave the issuer a key-encryption key; otherwise key files of this process's own
 * ({@link dev.mayfly.issuer.keyrings.FileKeyRings}), the single-process path of tests.
 *
 * <p>Owns: choosing the source, loading the rings, rotating them, telling the issuer's sealers and signers of a new ring.
 * Must not touch: what the keys seal or sign.
 */
package dev.mayfly.issuer.keyrings;
