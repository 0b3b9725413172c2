package dev.mayfly.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.embedded.SharedInfrastructure;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchingEventStorageEngineTest {

    private static final long MS = 1_000_000;

    private long now;
    private final List<Long> waits = new ArrayList<>();
    private EventStoreDatabase database;
    private ConnectionProvider connections;
    private JdbcEventStorageEngine engine;
    private ApiCallRecorder recorder;

    @BeforeEach
    void openStore() {
        database = EventStoreDatabase.open(new DatabaseSettings(SharedInfrastructure.postgres().database("batching_engine"), "postgres",
                "postgres", 4), "batching-engine");
        connections = AxonConfiguration.connections(database.dataSource());
        engine = AxonConfiguration.storageEngine(connections, AxonConfiguration.serializer(),
                new MinimumInterval(Duration.ofMillis(10), () -> now, nanos -> {
                    waits.add(nanos);
                    now += nanos;
                }));
        recorder = new ApiCallRecorder(EmbeddedEventStore.builder().storageEngine(engine).build());
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    private Runnable recording(String eventId) {
        return () -> UnitsOfWork.inTransaction(() -> {
            recorder.record(ApiCallSamples.getCallerIdentity(eventId));
            return null;
        });
    }

    /** The id of the transaction that stored each of these events. */
    private List<Long> storingTransactions(List<String> eventIds) throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); var query = connection.prepareStatement(
                "SELECT xmin::text::bigint FROM domain_event_entry WHERE event_identifier = ANY (?)")) {
            query.setArray(1, connection.createArrayOf("text", eventIds.toArray()));
            List<Long> transactions = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    transactions.add(rows.getLong(1));
                }
            }
            return transactions;
        }
    }

    @Test
    void readEventsWhenTailingBackToBackThenEachReadWaitsForTheIntervalsEnd() {
        for (int i = 0; i < 3; i++) {
            engine.readEvents(null, true).close();
        }

        assertThat(waits).containsExactly(10 * MS, 10 * MS);
    }

    @Test
    void readEventsWhenReadingWhatIsStoredThenNeverWaits() {
        for (int i = 0; i < 3; i++) {
            try (var events = engine.readEvents(null, false)) {
                events.forEach(event -> { });   // read to the end, from PostgreSQL
            }
        }

        assertThat(waits).isEmpty();
    }

    @Test
    void appendEventsWhenCallsRecordOnlyApiCallsMeanwhileThenTheirRecordsShareTransactions() throws Exception {
        List<String> eventIds = new ArrayList<>();
        WaitingThreads calls = new WaitingThreads();
        try (Connection lock = database.dataSource().getConnection(); Statement statement = lock.createStatement()) {
            lock.setAutoCommit(false);
            statement.execute("LOCK TABLE domain_event_entry IN SHARE MODE");   // every insert waits until it is released
            for (int i = 0; i < 6; i++) {
                eventIds.add(UUID.randomUUID().toString());
                calls.startAndAwaitWaiting(recording(eventIds.getLast()));
            }
            lock.commit();
        }
        calls.joinAll();

        List<Long> transactions = storingTransactions(eventIds);
        assertThat(transactions).hasSize(6);
        assertThat(new HashSet<>(transactions)).as("the first call's transaction, then one for the five queued behind it")
                .hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void appendEventsWhenUnitOfWorkTookAConnectionThenItsRecordCommitsInItsOwnTransaction() throws Exception {
        String eventId = UUID.randomUUID().toString();

        long transaction = UnitsOfWork.inTransaction(() -> {
            long id;
            try (Statement statement = connections.getConnection().createStatement();
                 ResultSet row = statement.executeQuery("SELECT txid_current() % 4294967296")) {
                row.next();
                id = row.getLong(1);
            }
            recorder.record(ApiCallSamples.getCallerIdentity(eventId));
            return id;
        });

        assertThat(storingTransactions(List.of(eventId))).containsExactly(transaction);
    }
}
