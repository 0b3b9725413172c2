package dev.mayfly.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.embedded.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StateEventReplayTest {

    /** A state change, as a service's aggregate would store it. */
    record Renamed(String from, String to) {
    }

    private EventStoreDatabase database;
    private EmbeddedEventStore eventStore;
    private ApiCallRecorder recorder;

    @BeforeEach
    void openStore() throws SQLException {
        database = EventStoreDatabase.open(new DatabaseSettings(SharedInfrastructure.postgres().database("state_event_replay"),
                "postgres", "postgres", 2), "state-event-replay");
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE domain_event_entry");
        }
        eventStore = EmbeddedEventStore.builder().storageEngine(AxonConfiguration.storageEngine(
                AxonConfiguration.connections(database.dataSource()), AxonConfiguration.serializer(),
                new MinimumInterval(AxonConfiguration.TAILING_READ_PACE))).build();
        recorder = new ApiCallRecorder(eventStore);
    }

    @AfterEach
    void closeStore() {
        eventStore.shutDown();
        database.close();
    }

    /** Stores, in one unit of work, some calls and then a state change; returns the change. */
    private Renamed callsThenChange(int calls, int change) {
        Renamed renamed = new Renamed("name-" + change, "name-" + (change + 1));
        UnitsOfWork.inTransaction(() -> {
            for (int i = 0; i < calls; i++) {
                recorder.record(ApiCallSamples.getCallerIdentity(UUID.randomUUID().toString()));
            }
            eventStore.publish(GenericEventMessage.asEventMessage(renamed));
            return null;
        });
        return renamed;
    }

    private List<Object> stateReplay() {
        List<Object> replayed = new ArrayList<>();
        StateEventReplay.replay(database.dataSource(), replayed::add);
        return replayed;
    }

    @Test
    void replayWhenStateChangesAreInterleavedWithCallsThenGivesTheChangesInStoreOrderAsTheFullReplayDoes() {
        List<Renamed> changes = new ArrayList<>();
        // more changes than a batch, so that reading resumes after a batch's last global index
        for (int change = 0; change < StateEventReplay.BATCH_SIZE + 200; change++) {
            changes.add(callsThenChange(change % 7, change));
        }
        List<Object> everything = new ArrayList<>();
        AxonConfiguration.replay(database.dataSource(), everything::add);

        List<Object> replayed = stateReplay();

        assertThat(everything).filteredOn(ApiCallRecorded.class::isInstance).isNotEmpty();
        assertThat(replayed).containsExactlyElementsOf(changes)
                .containsExactlyElementsOf(everything.stream().filter(event -> !(event instanceof ApiCallRecorded)).toList());
    }

    @Test
    void replayWhenAnApiCallRecordIsNotEvenJsonThenNeverDeserializesItAndGivesTheChanges() throws SQLException {
        Renamed before = callsThenChange(3, 1);
        storeUnreadableCall();
        Renamed after = callsThenChange(3, 2);
        // the full replay, which the audit rebuild still uses, deserializes every call: this one breaks it
        assertThatThrownBy(() -> AxonConfiguration.replay(database.dataSource(), event -> { })).isInstanceOf(RuntimeException.class);

        assertThat(stateReplay()).containsExactly(before, after);
    }

    @Test
    void nextStateBatchWhenPlannedThenReadsThePartialIndexOfStateEvents() throws SQLException {
        callsThenChange(20, 1);
        List<String> plan = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // a table this small would be scanned whole; what matters is that the index can serve the query
                statement.execute("SET LOCAL enable_seqscan = off");
                statement.execute("SET LOCAL enable_bitmapscan = off");
            }
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + StateEventReplay.NEXT_STATE_BATCH)) {
                explain.setLong(1, -1);
                explain.setLong(2, Long.MAX_VALUE);
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        plan.add(rows.getString(1));
                    }
                }
            }
            connection.rollback();
        }
        assertThat(String.join("\n", plan)).contains("Index Scan using domain_event_entry_state_events");
    }

    /** An API-call record whose payload no serializer can read. */
    private void storeUnreadableCall() throws SQLException {
        String eventId = UUID.randomUUID().toString();
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO domain_event_entry (event_identifier, payload,"
                     + " payload_type, time_stamp, aggregate_identifier, sequence_number) VALUES (?, ?, ?, ?, ?, 0)")) {
            insert.setString(1, eventId);
            insert.setBytes(2, "{not json".getBytes(StandardCharsets.UTF_8));
            insert.setString(3, ApiCallRecorded.class.getName());
            insert.setString(4, Instant.now().toString());
            insert.setString(5, eventId);
            insert.executeUpdate();
        }
    }
}
