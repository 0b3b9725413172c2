/**
 * Real infrastructure in-process, from Maven Central jars only: a Kafka KRaft broker, an Elasticsearch
 * node and a PostgreSQL server. Tests share one of each per JVM ({@link dev.mayfly.embedded.SharedInfrastructure});
 * ./mayfly dev runs them on fixed ports under $MAYFLY_HOME.
 *
 * <p>Owns: starting, stopping and addressing that infrastructure. Must never be a dependency of
 * production code (an ArchUnit rule in mayfly-dev checks it).
 */
package dev.mayfly.embedded;
