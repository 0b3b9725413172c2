package dev.mayfly.eventstore;

import dev.mayfly.contract.ApiCallRecorded;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * Hands stored events' payloads, oldest first, to a consumer: how in-memory read models rebuild themselves at start.
 * API-call records are nearly all of a busy store, and a read model applies none of them, so the database leaves them
 * out (a partial index holds the other events, migration V2): a restart reads and deserializes only the state changes,
 * and takes about as long after a million recorded calls as after none.
 *
 * <p>Reads in batches, each after the last global index of the one before, so that no result set holds the store.
 * Like {@link AxonConfiguration#replay}, it reads what is committed when it runs; a service replays before it serves,
 * or follows the store with an {@link EventStoreTail}, which starts with this replay.
 */
public final class StateEventReplay {

    static final int BATCH_SIZE = 1_000;
    /**
     * The type is a literal rather than a parameter, because the planner uses a partial index only for a predicate it
     * can match to the index's own; it is a class name, never input.
     */
    static final String NEXT_STATE_BATCH = "SELECT global_index, payload_type, payload_revision, payload FROM domain_event_entry"
            + " WHERE payload_type <> '" + ApiCallRecorded.class.getName() + "'"
            + " AND global_index > ? AND global_index <= ? ORDER BY global_index LIMIT " + BATCH_SIZE;

    private StateEventReplay() {
    }

    /** Every event but the API-call records. */
    public static void replay(DataSource dataSource, Consumer<Object> payloads) {
        replay(dataSource, AxonConfiguration.serializer(), -1, Long.MAX_VALUE, payloads);
    }

    /** Every event but the API-call records, after a global index and up to another. */
    static void replay(DataSource dataSource, Serializer serializer, long after, long last, Consumer<Object> payloads) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement nextBatch = connection.prepareStatement(NEXT_STATE_BATCH)) {
            nextBatch.setLong(2, last);
            long position = after;
            int read;
            do {
                nextBatch.setLong(1, position);
                read = 0;
                try (ResultSet rows = nextBatch.executeQuery()) {
                    while (rows.next()) {
                        position = rows.getLong(1);
                        payloads.accept(serializer.deserialize(new SimpleSerializedObject<>(rows.getBytes(4), byte[].class,
                                rows.getString(2), rows.getString(3))));
                        read++;
                    }
                }
            } while (read == BATCH_SIZE);
        } catch (SQLException e) {
            throw new IllegalStateException("the event store could not be read to rebuild the read model: " + e.getMessage(), e);
        }
    }
}
