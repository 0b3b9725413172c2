/**
 * One set of key rings for the whole deployment. Each ring (session-token, credential-vault, issuer-signing, ...) is one
 * record of the compacted topic mayfly.keys ({@link dev.mayfly.deploymentkeys.KeyRingTopic}): the whole ring, all its
 * versions and which one is current ({@link dev.mayfly.deploymentkeys.StoredRing}), sealed with AES-256-GCM under the
 * operator's key-encryption key ({@link dev.mayfly.deploymentkeys.KeyEncryptionKey}), the ring's name authenticated
 * with it; so a ring is replaced whole, by one record, and every process that follows the topic switches within
 * seconds. Rings are made once, on purpose ({@link dev.mayfly.deploymentkeys.KeysInit}, behind ./mayfly keys init),
 * never by a process that finds one missing, and rotated one way ({@link dev.mayfly.deploymentkeys.RingRotation}, behind
 * ./mayfly keys rotate RING and the issuer's admin API).
 *
 * <p>Owns: the sealed record format, the catalogue of rings ({@link dev.mayfly.deploymentkeys.DeploymentRing}), reading,
 * following and writing the topic. Must not touch: what a service does with its keys, any framework. The key-encryption
 * key never leaves the process: not to Kafka, logs or messages.
 */
package dev.mayfly.deploymentkeys;
