/**
 * Proof that the trail is complete and untouched, as CloudTrail's log file validation gives it: per account and
 * period, a digest listing the SHA-256 of each record, signed with Ed25519 and chained to the account's previous
 * digest ({@link dev.mayfly.audit.integrity.Digester} seals them from mayfly.events, apart from the projection), and
 * the validation that finds every record modified, deleted or inserted after the fact and every break in the chain
 * ({@link dev.mayfly.audit.integrity.DigestValidation}, which needs nothing from the service but its data and a public
 * key).
 *
 * <p>The public keys that signed digests are kept, with when each signed, beside the signing key
 * ({@link dev.mayfly.audit.integrity.SigningKeyHistory}), so that ListPublicKeys answers for any window. With a
 * key-encryption key the signing key, and so the history, is the deployment's audit-digest-signing ring on mayfly.keys,
 * the same in every audit process ({@link dev.mayfly.audit.integrity.DigestSigningKeys}).
 *
 * <p>Of several audit processes, one seals: the holder of the {@link dev.mayfly.audit.integrity.DigesterLease}; and a
 * digest is only ever stored after a previous one that no other digest follows yet
 * ({@link dev.mayfly.audit.integrity.DigestStore#append}), so a chain stays one even when two digesters believe they hold
 * the lease.
 *
 * <p>Owns: the digests index, the digester lease's index, the signing key and its history. Must not touch: the audit indices, which it only reads through what
 * callers hand it.
 */
package dev.mayfly.audit.integrity;
