package dev.mayfly.eventstore;

import dev.mayfly.contract.Json;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The part of a read model that API-call records make (the issuer's last use of each access key), saved with the
 * position in the event store it holds everything up to, so that a restart reads only the calls stored after it
 * (see {@link StateEventReplay#replayAfter}). One snapshot per name; saving replaces it.
 */
public final class ReadModelSnapshots {

    /** The snapshot's state, and the global index of the last event it holds. */
    public record Snapshot<T>(long position, T state) {
    }

    private final DataSource dataSource;

    public ReadModelSnapshots(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> Optional<Snapshot<T>> load(String name, Class<T> type) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT position, state FROM read_model_snapshot WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Snapshot<>(row.getLong(1), Json.mapper().readValue(row.getBytes(2), type))) : Optional.empty();
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("the snapshot " + name + " could not be read: " + e.getMessage(), e);
        }
    }

    public void save(String name, long position, Object state) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement("INSERT INTO read_model_snapshot (name, position, state)"
                     + " VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position, state = excluded.state,"
                     + " taken_at = now()")) {
            upsert.setString(1, name);
            upsert.setLong(2, position);
            upsert.setBytes(3, Json.mapper().writeValueAsBytes(state));
            upsert.executeUpdate();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("the snapshot " + name + " could not be saved: " + e.getMessage(), e);
        }
    }

    /**
     * The global index of the last stored event, -1 when none: the position of a snapshot taken once this process has
     * stopped writing (no unit of work left whose events its read model has yet to apply).
     */
    public long lastPosition() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT coalesce(max(global_index), -1) FROM domain_event_entry");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("the event store's last position could not be read: " + e.getMessage(), e);
        }
    }
}
