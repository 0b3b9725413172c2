package dev.mayfly.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mayfly.contract.Json;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * An Axon {@link Configurer} on a PostgreSQL event store, for a service to add its aggregates, handlers
 * and processors to.
 *
 * <p>Every connection is bound to the root unit of work, which commits it at its commit phase: the
 * events of a command, the API-call event recorded with it, and the token of a processor batch commit
 * together or not at all. XStream cannot read Java records on JDK 25, so everything is Jackson.
 */
public final class AxonConfiguration {

    /**
     * At most this often the event store's tailing reader, or a processor's own stream, reads what was committed since
     * its last read (see BatchingEventStorageEngine, StorageEngineSource).
     */
    static final Duration TAILING_READ_PACE = Duration.ofMillis(10);
    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(Json.configure(new ObjectMapper())).lenientDeserialization().build();

    private AxonConfiguration() {
    }

    public static Configurer configurer(DataSource dataSource) {
        ConnectionProvider connections = connections(dataSource);
        JacksonSerializer serializer = serializer();
        return DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureTransactionManager(c -> NoTransactionManager.INSTANCE)
                .registerComponent(BatchingEventStorageEngine.class,
                        c -> storageEngine(connections, serializer, new MinimumInterval(TAILING_READ_PACE)))
                .configureEmbeddedEventStore(c -> c.getComponent(BatchingEventStorageEngine.class))
                .eventProcessing(processing -> processing.registerTokenStore(c -> JdbcTokenStore.builder()
                        .connectionProvider(connections)
                        .serializer(serializer)
                        .schema(TokenSchema.builder().setTokenTable("token_entry").setProcessorNameColumn("processor_name")
                                .setSegmentColumn("segment").setTokenColumn("token").setTokenTypeColumn("token_type")
                                .setTimestampColumn("timestamp").setOwnerColumn("owner").build())
                        .build()));
    }

    /**
     * Connections bound to the current unit of work: whatever a service writes through them (the issuer's
     * credential vault, say) commits in the same transaction as the unit of work's events.
     */
    public static ConnectionProvider connections(DataSource dataSource) {
        return new UnitOfWorkConnections(new DataSourceConnectionProvider(dataSource));
    }

    /**
     * Hands every stored event's payload, API-call records included, oldest first, to a consumer: for whatever needs
     * the calls themselves (the audit rebuild). Read models rebuild with {@link StateEventReplay}, which leaves the calls
     * out. Reads the storage engine directly, whose stream ends at the last stored event.
     */
    public static void replay(DataSource dataSource, Consumer<Object> payloads) {
        try (var events = storageEngine(connections(dataSource), serializer(), new MinimumInterval(TAILING_READ_PACE)).readEvents(null, false)) {
            events.forEach(event -> payloads.accept(event.getPayload()));
        }
    }

    /** @param tailingReads how often the event store's tailing reader may read (see BatchingEventStorageEngine) */
    static BatchingEventStorageEngine storageEngine(ConnectionProvider connections, Serializer serializer,
                                                    MinimumInterval tailingReads) {
        return new BatchingEventStorageEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .schema(eventSchema())
                .batchSize(KafkaPublishing.BATCH_SIZE), tailingReads);
    }

    /** The one serializer of every event store in the process: a Jackson mapper is costly to build, and safe to share. */
    static JacksonSerializer serializer() {
        return SERIALIZER;
    }

    private static EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry").snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index").timestampColumn("time_stamp").eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier").sequenceNumberColumn("sequence_number").typeColumn("type")
                .payloadTypeColumn("payload_type").payloadRevisionColumn("payload_revision").payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }
}
