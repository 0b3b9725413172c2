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
 * Hands the payload of every stored event that changes state, oldest first, to a consumer: how in-memory read models
 * rebuild themselves at start. API-call records are nearly all of a busy store and no read model applies them, so the
 * database leaves them out (a partial index holds the other events, migration V2): a restart reads and deserializes
 * only what it applies, and takes about as long after a million recorded calls as after none.
 *
 * <p>Reads in batches, each after the last global index of the one before, so that no result set holds the store.
 * Like {@link AxonConfiguration#replay}, it reads what is committed when it runs; a service replays before it serves.
 */
public final class StateEventReplay {

    static final int BATCH_SIZE = 1_000;
    /**
     * A literal rather than a parameter, because the planner uses a partial index only for a predicate it can match to
     * the index's own; the type is a class name, never input.
     */
    static final String NEXT_BATCH = "SELECT global_index, payload_type, payload_revision, payload FROM domain_event_entry"
            + " WHERE payload_type <> '" + ApiCallRecorded.class.getName() + "' AND global_index > ?"
            + " ORDER BY global_index LIMIT " + BATCH_SIZE;

    private StateEventReplay() {
    }

    /** @return how many events the consumer was given */
    public static long replay(DataSource dataSource, Consumer<Object> payloads) {
        return replay(dataSource, AxonConfiguration.serializer(), payloads);
    }

    static long replay(DataSource dataSource, Serializer serializer, Consumer<Object> payloads) {
        long after = -1;
        long replayed = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement next = connection.prepareStatement(NEXT_BATCH)) {
            int read;
            do {
                next.setLong(1, after);
                read = 0;
                try (ResultSet rows = next.executeQuery()) {
                    while (rows.next()) {
                        after = rows.getLong(1);
                        payloads.accept(serializer.deserialize(new SimpleSerializedObject<>(rows.getBytes(4), byte[].class,
                                rows.getString(2), rows.getString(3))));
                        read++;
                    }
                }
                replayed += read;
            } while (read == BATCH_SIZE);
        } catch (SQLException e) {
            throw new IllegalStateException("the event store could not be read to rebuild the read model: " + e.getMessage(), e);
        }
        return replayed;
    }
}
