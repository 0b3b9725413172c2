package dev.mayfly.eventstore;

import dev.mayfly.contract.ApiCallRecorded;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the event store as every process writing to it commits: how an in-memory read model learns of a change that
 * another process (a second issuer on the same database) committed, within a tick. The state changes are handed to a
 * consumer, oldest first, from one thread; API-call records are read as positions only, never deserialized.
 *
 * <p>Global indexes come from a sequence, taken when a row is inserted, so a transaction can commit an index below
 * one already read: the tail keeps every index it passed without a row as a gap, and looks for it again on each read
 * until a row appears (applied then, before anything newer) or it is older than {@link #GAP_TIMEOUT} (a rolled-back
 * transaction, or a writer that died, never fills its gap). At start the last {@link #START_WINDOW} indexes are
 * checked the same way, for the transactions that were still open when the start read the store.
 *
 * <p>A reader that needs to see what it just committed ({@link #awaitNextRead}) waits for a read that began after
 * its commit: that read finds its rows, new or in a gap.
 *
 * <p>A read model that keeps snapshots of itself starts from the last one's {@link TailPosition} instead of the first
 * change: the tail applies the changes committed since in the gaps it had open, then those after its index. It hands its
 * position over for the next snapshot on its own thread, between two reads, when its {@link CheckpointSchedule} says so:
 * then the state it fed holds exactly the changes up to that position. What the state is, it never knows.
 */
public final class EventStoreTail implements AutoCloseable {

    /** How often the store is read when no one asks sooner: the bound on how late another process's change arrives here. */
    static final Duration TICK = Duration.ofMillis(100);
    /** Where the global index's sequence starts (BIGSERIAL). */
    private static final long FIRST_INDEX = 1;
    /** Longer than any transaction of the services lasts: a gap older than this will never be filled. */
    static final Duration GAP_TIMEOUT = Duration.ofSeconds(30);
    static final int START_WINDOW = 5_000;
    /** Beyond this many open gaps (only a mass rollback makes them), the oldest are given up first. */
    static final int MAX_GAPS = 10_000;
    static final int BATCH_SIZE = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(EventStoreTail.class);
    private static final String API_CALL = ApiCallRecorded.class.getName();
    /** Each row's position and type, and the payload of state changes only. */
    private static final String COLUMNS = "SELECT global_index, payload_type, payload_revision,"
            + " CASE WHEN payload_type <> '" + API_CALL + "' THEN payload END FROM domain_event_entry";
    private static final String NEXT = COLUMNS + " WHERE global_index > ? ORDER BY global_index LIMIT " + BATCH_SIZE;
    private static final String IN_GAPS = COLUMNS + " WHERE global_index = ANY(?) ORDER BY global_index";
    private static final String PRESENT = "SELECT global_index FROM domain_event_entry WHERE global_index > ? ORDER BY global_index";
    private static final String LAST = "SELECT coalesce(max(global_index), " + (FIRST_INDEX - 1) + ") FROM domain_event_entry";

    private final DataSource dataSource;
    private final Serializer serializer;
    private final Consumer<Object> stateChanges;
    private final Clock clock;
    private final Duration tick;
    private final CheckpointSchedule schedule;
    private final Consumer<TailPosition> checkpoint;
    /** Only the reading thread touches these (the start's thread before it). */
    private long changesSinceCheckpoint;
    private Instant lastCheckpoint;
    /** Index -> when it was first passed without a row; oldest first. Only the reading thread touches it. */
    private final LinkedHashMap<Long, Instant> gaps = new LinkedHashMap<>();
    private final Object reads = new Object();
    private long position = FIRST_INDEX - 1;
    /** Guarded by {@link #reads}. */
    private long readsBegun;
    private long readsDone;
    private boolean wanted;
    private volatile Instant lastRead;
    private volatile boolean closed;
    private Thread reader;

    private EventStoreTail(DataSource dataSource, Serializer serializer, Consumer<Object> stateChanges, Clock clock, Duration tick,
                           CheckpointSchedule schedule, Consumer<TailPosition> checkpoint) {
        this.dataSource = dataSource;
        this.serializer = serializer;
        this.stateChanges = change -> {
            stateChanges.accept(change);
            changesSinceCheckpoint++;
        };
        this.clock = clock;
        this.tick = tick;
        this.schedule = schedule;
        this.checkpoint = checkpoint;
        this.lastCheckpoint = clock.instant();
    }

    /**
     * Replays every state change stored so far, then follows the store on a thread of its own.
     *
     * @param stateChanges called from one thread at a time, oldest change first
     */
    public static EventStoreTail start(DataSource dataSource, Consumer<Object> stateChanges) {
        return start(dataSource, stateChanges, Optional.empty(), CheckpointSchedule.NEVER, position -> { });
    }

    /**
     * Applies the state changes stored since a snapshot of the read model was taken (or every one, without a snapshot),
     * then follows the store on a thread of its own, handing its position over for a snapshot as the schedule says.
     *
     * @param stateChanges called from one thread at a time, oldest change first; after the snapshot's own, when there is one
     * @param from         the position the snapshot that stateChanges' state was restored from holds; empty: the state is empty
     * @param checkpoint   called on the tail's thread between two reads, the state holding exactly the changes up to the
     *                     position given: it should copy what it saves and write it elsewhere, since no change is read
     *                     until it returns; what it throws is logged
     */
    public static EventStoreTail start(DataSource dataSource, Consumer<Object> stateChanges, Optional<TailPosition> from,
                                       CheckpointSchedule schedule, Consumer<TailPosition> checkpoint) {
        // the system's clock, not a service's: a service's clock may be set to test credentials' lifetimes
        return start(dataSource, stateChanges, from, schedule, checkpoint, Clock.systemUTC(), TICK);
    }

    static EventStoreTail start(DataSource dataSource, Consumer<Object> stateChanges, Clock clock, Duration tick) {
        return start(dataSource, stateChanges, Optional.empty(), CheckpointSchedule.NEVER, position -> { }, clock, tick);
    }

    static EventStoreTail start(DataSource dataSource, Consumer<Object> stateChanges, Optional<TailPosition> from,
                                CheckpointSchedule schedule, Consumer<TailPosition> checkpoint, Clock clock, Duration tick) {
        EventStoreTail tail = new EventStoreTail(dataSource, AxonConfiguration.serializer(), stateChanges, clock, tick, schedule,
                checkpoint);
        tail.catchUpFromStart(from);
        tail.reader = Thread.ofPlatform().daemon().name("event-store-tail").start(tail::followForever);
        return tail;
    }

    /** From a snapshot's position: its gaps first, as a read does, so that a change filling one comes before any later. */
    private void catchUpFromStart(Optional<TailPosition> from) {
        try (Connection connection = dataSource.getConnection()) {
            long last;
            try (PreparedStatement select = connection.prepareStatement(LAST); ResultSet row = select.executeQuery()) {
                row.next();
                last = row.getLong(1);
            }
            long after = FIRST_INDEX - 1;
            if (from.isPresent()) {
                after = from.get().index();
                // still open then, perhaps committed since: looked at now, and until GAP_TIMEOUT from now if still empty
                Instant now = clock.instant();
                from.get().gaps().forEach(gap -> gaps.put(gap, now));
                fillGaps(connection);
            }
            StateEventReplay.replay(dataSource, serializer, after, last, stateChanges);
            position = Math.max(after, last);
            suspectRecentGaps(connection, last);
        } catch (SQLException e) {
            throw new IllegalStateException("the event store could not be read to build the read model: " + e.getMessage(), e);
        }
        lastRead = clock.instant();
    }

    /** The indexes of the last window without a row may belong to transactions open while the start read the store. */
    private void suspectRecentGaps(Connection connection, long last) throws SQLException {
        long expected = Math.max(FIRST_INDEX, last - START_WINDOW + 1);
        try (PreparedStatement present = connection.prepareStatement(PRESENT)) {
            present.setLong(1, expected - 1);
            try (ResultSet rows = present.executeQuery()) {
                while (rows.next()) {
                    expected = passed(expected, rows.getLong(1));
                }
            }
        }
    }

    /**
     * Returns once a read of the store that began after this call has finished, or the timeout passed: a caller that
     * committed a change then sees it in the read model.
     *
     * @return false when the timeout passed first (the store unreachable, say)
     */
    public boolean awaitNextRead(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (reads) {
            long needed = readsBegun + 1;
            wanted = true;
            reads.notifyAll();
            while (readsDone < needed) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    return false;
                }
                reads.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** How long since the last read of the store began that finished: the read model holds every change committed before. */
    public Duration age() {
        return Duration.between(lastRead, clock.instant());
    }

    /** The global index of the last row read. */
    public long position() {
        synchronized (reads) {
            return position;
        }
    }

    private void followForever() {
        while (!closed) {
            try {
                awaitTickOrRequest();
                if (closed) {
                    return;
                }
                Instant began = clock.instant();
                readOnce();
                lastRead = began;
                synchronized (reads) {
                    readsDone++;
                    reads.notifyAll();
                }
                checkpointIfDue();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | SQLException e) {
                // the read model keeps its last state and ages, which the service's health reports; tried again next tick
                LOG.warn("the event store could not be followed: {}", e.getMessage());
            }
        }
    }

    private void awaitTickOrRequest() throws InterruptedException {
        synchronized (reads) {
            if (!wanted) {
                reads.wait(tick.toMillis());
            }
            wanted = false;
            readsBegun++;
        }
    }

    /** The gaps first, so that a change filling one is applied before anything committed after it. */
    void readOnce() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            fillGaps(connection);
            int read;
            do {
                read = 0;
                try (PreparedStatement next = connection.prepareStatement(NEXT)) {
                    next.setLong(1, position);
                    try (ResultSet rows = next.executeQuery()) {
                        while (rows.next()) {
                            long index = rows.getLong(1);
                            passed(position + 1, index);
                            apply(rows);
                            synchronized (reads) {
                                position = index;
                            }
                            read++;
                        }
                    }
                }
            } while (read == BATCH_SIZE);
        }
    }

    private void fillGaps(Connection connection) throws SQLException {
        Instant now = clock.instant();
        gaps.values().removeIf(seen -> seen.plus(GAP_TIMEOUT).isBefore(now));
        if (gaps.isEmpty()) {
            return;
        }
        Array indexes = connection.createArrayOf("bigint", gaps.keySet().toArray());
        try (PreparedStatement select = connection.prepareStatement(IN_GAPS)) {
            select.setArray(1, indexes);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    apply(rows);
                    gaps.remove(rows.getLong(1));
                }
            }
        }
    }

    /** After a read, whose waiters were told first: the snapshot is taken while the next read waits. */
    private void checkpointIfDue() {
        Instant now = clock.instant();
        if (!schedule.due(changesSinceCheckpoint, Duration.between(lastCheckpoint, now))) {
            return;
        }
        changesSinceCheckpoint = 0;
        lastCheckpoint = now;
        try {
            checkpoint.accept(new TailPosition(position, List.copyOf(gaps.keySet())));
        } catch (RuntimeException e) {
            LOG.warn("no snapshot of the read model was taken: {}", e.getMessage());
        }
    }

    /** Records the indexes from expected up to the one found as gaps; returns the index expected next. */
    private long passed(long expected, long found) {
        Instant now = clock.instant();
        for (long missing = Math.max(expected, found - MAX_GAPS); missing < found; missing++) {
            gaps.put(missing, now);
        }
        for (Iterator<Map.Entry<Long, Instant>> oldest = gaps.entrySet().iterator(); gaps.size() > MAX_GAPS; ) {
            oldest.next();
            oldest.remove();
        }
        return found + 1;
    }

    private void apply(ResultSet row) throws SQLException {
        byte[] payload = row.getBytes(4);
        if (payload != null) {
            stateChanges.accept(serializer.deserialize(new SimpleSerializedObject<>(payload, byte[].class, row.getString(2),
                    row.getString(3))));
        }
    }

    /** The open gaps: for tests. */
    int gapCount() {
        return gaps.size();
    }

    @Override
    public void close() {
        closed = true;
        synchronized (reads) {
            reads.notifyAll();
        }
        if (reader != null) {
            try {
                reader.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
