/**
 * Signed feeds: every record a Mayfly service produces on mayfly.revocations, mayfly.policies and mayfly.events carries
 * the producing service's Ed25519 signature in its headers ({@link dev.mayfly.kafka.signed.RecordSigner}), and every
 * consumer checks it against the public keys of the services allowed to produce the topic before using the record
 * ({@link dev.mayfly.kafka.signed.RecordVerifier}); on compacted topics it also refuses a record older than the one it
 * applied for the key ({@link dev.mayfly.kafka.signed.NewestPerKey}). Refused records are counted and reported
 * ({@link dev.mayfly.kafka.signed.RefusedRecords}).
 *
 * <p>A publisher that sends a batch at once may sign the batch instead ({@link dev.mayfly.kafka.signed.BatchSigner}: one
 * signature over the root of an RFC 6962 Merkle tree of the records' messages, {@link dev.mayfly.kafka.signed.MerkleTree}),
 * each record carrying its place in the tree ({@link dev.mayfly.kafka.signed.BatchProof}); the verifier still checks each
 * record alone, and reads both forms.
 *
 * <p>Owns: what a record's signature covers and how it is checked. Must not touch: what the records mean, any framework
 * but the Kafka client.
 */
package dev.mayfly.kafka.signed;
