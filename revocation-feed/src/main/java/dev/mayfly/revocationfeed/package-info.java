/**
 * Revocation rules as every issuer and verifier sees them: an in-memory index (a check is a map read,
 * never a network call) fed by the compacted topic mayfly.revocations, rebuilt from the topic's start
 * whenever a process starts.
 *
 * <p>Owns: the index, its feed and its freshness. Must not touch: how rules are made (revocation-service),
 * any framework but the Kafka client.
 */
package dev.mayfly.revocationfeed;
