/**
 * The one place Mayfly's Kafka clients are made ({@link dev.mayfly.kafka.KafkaCluster}): the brokers and the operator's
 * security settings (SASL, TLS and mTLS, a properties file) that every producer, consumer and admin client gets.
 *
 * <p>Owns: how a client connects, and (in {@link dev.mayfly.kafka.signed}) how a record is signed and checked. Must not
 * touch: what clients read or write (topics, what records mean), any framework but the Kafka client.
 */
package dev.mayfly.kafka;
