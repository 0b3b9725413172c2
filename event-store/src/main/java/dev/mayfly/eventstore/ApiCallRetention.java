package dev.mayfly.eventstore;

import dev.mayfly.contract.ApiCallRecorded;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the API-call records of an event store once they are older than the retention and every processor of the
 * store (the Kafka publishers) has handled them: Kafka and the audit trail's Elasticsearch hold the calls from then on,
 * and the store keeps its state changes forever. A call a publisher has not reached, or skipped as a gap it may still
 * see committed, is never deleted, however old.
 *
 * <p>Runs {@value #FIRST_RUN_MINUTES} minutes after start, then hourly; deletes in batches, each its own transaction,
 * so that it never holds many rows locked.
 */
public final class ApiCallRetention implements AutoCloseable {

    /** Days an API-call record stays in the event store once published; unset or 0: forever. */
    public static final String SETTING = "MAYFLY_EVENT_STORE_API_CALL_RETENTION_DAYS";
    static final int BATCH_SIZE = 10_000;
    private static final long FIRST_RUN_MINUTES = 5;
    private static final Logger LOG = LoggerFactory.getLogger(ApiCallRetention.class);
    private static final String API_CALL_TYPE = ApiCallRecorded.class.getName();

    private final DataSource dataSource;
    private final Duration retention;
    private final Clock clock;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("api-call-retention").daemon().factory());

    ApiCallRetention(DataSource dataSource, Duration retention, Clock clock) {
        this.dataSource = dataSource;
        this.retention = retention;
        this.clock = clock;
    }

    ApiCallRetention start() {
        schedule.scheduleWithFixedDelay(() -> {
            try {
                long deleted = deleteExpired();
                if (deleted > 0) {
                    LOG.info("deleted {} API-call records older than {} days and published", deleted, retention.toDays());
                }
            } catch (RuntimeException e) {
                LOG.warn("API-call records could not be deleted, the next run tries again: {}", e.getMessage());
            }
        }, FIRST_RUN_MINUTES, 60, TimeUnit.MINUTES);
        return this;
    }

    /** @return how many API-call records were deleted */
    long deleteExpired() {
        long publishedBelow = publishedBelow();
        String cutoff = clock.instant().minus(retention).toString();
        long deleted = 0;
        long after = -1;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM domain_event_entry WHERE global_index IN"
                     + " (SELECT global_index FROM domain_event_entry WHERE payload_type = ? AND global_index > ?"
                     // never the store's newest event: its position is the revocation feed's epoch at the next start
                     // (FeedStatePublication), which must not go backwards
                     + " AND global_index < LEAST(?, (SELECT max(global_index) FROM domain_event_entry))"
                     + " AND time_stamp < ? ORDER BY global_index LIMIT " + BATCH_SIZE + ") RETURNING global_index")) {
            int batch;
            do {
                delete.setString(1, API_CALL_TYPE);
                delete.setLong(2, after);
                delete.setLong(3, publishedBelow);
                // ISO-8601 instants, as Axon stores them, which sort as text to within a second
                delete.setString(4, cutoff);
                batch = 0;
                try (ResultSet rows = delete.executeQuery()) {
                    while (rows.next()) {
                        after = Math.max(after, rows.getLong(1));
                        batch++;
                    }
                }
                deleted += batch;
            } while (batch == BATCH_SIZE);
        } catch (SQLException e) {
            throw new IllegalStateException("the event store could not be read or written: " + e.getMessage(), e);
        }
        return deleted;
    }

    /**
     * The global index below which every processor of the store has handled every event: the least of their tokens'
     * first gap or next index; 0 (nothing) while a processor has no token yet, or one this does not know.
     */
    private long publishedBelow() {
        long below = Long.MAX_VALUE;
        boolean any = false;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT token, token_type FROM token_entry");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                any = true;
                byte[] token = rows.getBytes(1);
                below = Math.min(below, token == null ? 0 : handledBelow(AxonConfiguration.serializer()
                        .deserialize(new SimpleSerializedObject<>(token, byte[].class, rows.getString(2), null))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the publishers' positions could not be read: " + e.getMessage(), e);
        }
        return any ? below : 0;
    }

    private static long handledBelow(Object token) {
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getGaps().isEmpty() ? gapAware.getIndex() + 1 : Math.min(gapAware.getGaps().first(), gapAware.getIndex() + 1);
        }
        // another kind of token: below its position, if it has one, is handled (conservatively one less than may be)
        return token instanceof TrackingToken tracking ? tracking.position().orElse(0) : 0;
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }

    /** @return how long the setting keeps API-call records after publication; null: forever */
    static Duration from(int days) {
        if (days < 0) {
            throw new IllegalArgumentException(SETTING + " must be 0 (keep API-call records forever) or a number of days, not " + days);
        }
        return days == 0 ? null : Duration.ofDays(days);
    }
}
