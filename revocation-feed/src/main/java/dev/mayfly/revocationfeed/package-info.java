/**
 * Revocation rules as every issuer and verifier sees them: an in-memory index (a check is a map read,
 * never a network call) fed by the compacted topic mayfly.revocations, rebuilt from the topic's start
 * whenever a process starts. Only records the revocation service signed are applied, and per rule only the newest: a
 * forged or replayed record (a lift, above all) never reaches the index. A rule of scope AccessKey that names a
 * long-term key matches the key itself and every session whose claims say the key started it, under the key's own
 * account. The feed checks its own continuity ({@link dev.mayfly.revocationfeed.FeedContinuity}) against the state the
 * revocation service signs: an emptied, re-created or rolled-back topic is not fresh, rather than a feed with no rules.
 *
 * <p>Owns: the index, its feed and its freshness. Must not touch: how rules are made (revocation-service),
 * any framework but the Kafka client.
 */
package dev.mayfly.revocationfeed;
