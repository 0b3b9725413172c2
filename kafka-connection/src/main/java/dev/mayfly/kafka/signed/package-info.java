/**
 * Signed feeds: every record a Mayfly service produces on mayfly.revocations, mayfly.policies and mayfly.events carries
 * the producing service's Ed25519 signature in its headers ({@link dev.mayfly.kafka.signed.RecordSigner}), and every
 * consumer checks it against the public keys of the services allowed to produce the topic before using the record
 * ({@link dev.mayfly.kafka.signed.RecordVerifier}); on compacted topics it also refuses a record older than the one it
 * applied for the key ({@link dev.mayfly.kafka.signed.NewestPerKey}). Refused records are counted and reported
 * ({@link dev.mayfly.kafka.signed.RefusedRecords}).
 *
 * <p>Owns: what a record's signature covers and how it is checked. Must not touch: what the records mean, any framework
 * but the Kafka client.
 */
package dev.mayfly.kafka.signed;
