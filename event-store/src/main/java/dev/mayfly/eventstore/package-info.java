/**
 * Axon Framework on PostgreSQL for the services that event-source (issuer and revocation): the data
 * source and its Flyway schema, the JDBC event store with the Jackson serializer, and the processor that
 * publishes stored events to Kafka at least once, in order per key, each record signed with the service's key; and
 * the replay that rebuilds a service's read model at start from the state changes without the recorded calls, and the
 * tail that then follows every change committed by any process on the same database (or starts from the position a
 * snapshot of the read model was saved with, {@link dev.mayfly.eventstore.TailPosition}, and says when to save the next).
 *
 * <p>Owns: storage and publication of events. Must not touch: any service's aggregates or messages.
 */
package dev.mayfly.eventstore;
