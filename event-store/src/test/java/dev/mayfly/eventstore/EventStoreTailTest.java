package dev.mayfly.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.embedded.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.serialization.SerializedObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tail against a real PostgreSQL, with rows written as a second process writes them: in transactions of their own,
 * committed in an order other than their global indexes'.
 */
class EventStoreTailTest {

    /** A state change, as a service's aggregate would store it. */
    record Renamed(String to) {
    }

    private static final Duration WAIT = Duration.ofSeconds(10);

    private EventStoreDatabase database;
    private final List<Object> applied = new CopyOnWriteArrayList<>();
    private final MovableClock clock = new MovableClock();
    private EventStoreTail tail;

    @BeforeEach
    void openStore() throws SQLException {
        database = EventStoreDatabase.open(new DatabaseSettings(SharedInfrastructure.postgres().database("event_store_tail"),
                "postgres", "postgres", 4), "event-store-tail");
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            // indexes from 1 again, as in a new store, so that the gaps counted are the test's own
            statement.execute("TRUNCATE domain_event_entry RESTART IDENTITY");
        }
    }

    @AfterEach
    void closeStore() {
        if (tail != null) {
            tail.close();
        }
        database.close();
    }

    private void startTail() {
        tail = EventStoreTail.start(database.dataSource(), applied::add, clock, EventStoreTail.TICK);
    }

    @Test
    void startWhenChangesAndCallsAreStoredThenReplaysTheChangesOnly() throws SQLException {
        commit(new Renamed("a"));
        commitUnreadableCall();
        commit(new Renamed("b"));

        startTail();

        assertThat(applied).containsExactly(new Renamed("a"), new Renamed("b"));
    }

    @Test
    void awaitNextReadWhenAnotherWriterCommittedThenTheChangeIsApplied() throws Exception {
        startTail();
        commit(new Renamed("a"));
        commitUnreadableCall();
        commit(new Renamed("b"));

        assertThat(tail.awaitNextRead(WAIT)).isTrue();

        assertThat(applied).containsExactly(new Renamed("a"), new Renamed("b"));
    }

    @Test
    void tailWhenNoOneAsksThenAppliesAnotherWritersChangeWithinATick() throws Exception {
        startTail();
        commit(new Renamed("a"));

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (applied.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(applied).containsExactly(new Renamed("a"));
    }

    @Test
    void tailWhenATransactionCommitsBelowAnIndexAlreadyReadThenAppliesItFromItsGap() throws Exception {
        startTail();
        try (Connection slow = database.dataSource().getConnection()) {
            slow.setAutoCommit(false);
            insert(slow, new Renamed("slow"));
            commit(new Renamed("fast"));
            assertThat(tail.awaitNextRead(WAIT)).isTrue();
            assertThat(applied).containsExactly(new Renamed("fast"));
            assertThat(tail.gapCount()).isEqualTo(1);

            slow.commit();
        }
        assertThat(tail.awaitNextRead(WAIT)).isTrue();

        assertThat(applied).containsExactly(new Renamed("fast"), new Renamed("slow"));
        assertThat(tail.gapCount()).isZero();
    }

    @Test
    void startWhenATransactionIsOpenAcrossItThenItsChangeArrivesOnceCommitted() throws Exception {
        try (Connection slow = database.dataSource().getConnection()) {
            slow.setAutoCommit(false);
            insert(slow, new Renamed("slow"));
            commit(new Renamed("fast"));
            startTail();
            assertThat(applied).containsExactly(new Renamed("fast"));

            slow.commit();
        }
        assertThat(tail.awaitNextRead(WAIT)).isTrue();

        assertThat(applied).containsExactly(new Renamed("fast"), new Renamed("slow"));
    }

    @Test
    void tailWhenAGapIsOlderThanAnyTransactionThenGivesItUp() throws Exception {
        startTail();
        try (Connection rolledBack = database.dataSource().getConnection()) {
            rolledBack.setAutoCommit(false);
            insert(rolledBack, new Renamed("never"));
            rolledBack.rollback();
        }
        commit(new Renamed("after"));
        assertThat(tail.awaitNextRead(WAIT)).isTrue();
        assertThat(tail.gapCount()).isEqualTo(1);

        clock.advance(EventStoreTail.GAP_TIMEOUT.plusSeconds(1));
        assertThat(tail.awaitNextRead(WAIT)).isTrue();

        assertThat(tail.gapCount()).isZero();
        assertThat(applied).containsExactly(new Renamed("after"));
    }

    @Test
    void tailWhenAChangeCannotBeReadThenStopsThereRatherThanSkipIt() throws Exception {
        startTail();
        commit(new Renamed("a"));
        commitUnreadableChange();
        commit(new Renamed("c"));

        assertThat(tail.awaitNextRead(Duration.ofMillis(500))).isFalse();

        assertThat(applied).containsExactly(new Renamed("a"));
    }

    @Test
    void startWhenFromAPositionThenAppliesTheChangesInItsGapsThenThoseAfterIt() throws Exception {
        commit(new Renamed("held"));
        try (Connection slow = database.dataSource().getConnection()) {
            slow.setAutoCommit(false);
            insert(slow, new Renamed("slow"));
            commit(new Renamed("held too"));
            slow.commit();
        }
        commit(new Renamed("after"));

        tail = EventStoreTail.start(database.dataSource(), applied::add, Optional.of(new TailPosition(3, List.of(2L))),
                CheckpointSchedule.NEVER, position -> { }, clock, EventStoreTail.TICK);

        assertThat(applied).containsExactly(new Renamed("slow"), new Renamed("after"));
        assertThat(tail.position()).isEqualTo(4);
        assertThat(tail.gapCount()).isZero();
    }

    @Test
    void startWhenAGapOfItsPositionIsStillEmptyThenAppliesItsChangeOnceCommitted() throws Exception {
        try (Connection slow = database.dataSource().getConnection()) {
            slow.setAutoCommit(false);
            insert(slow, new Renamed("slow"));
            commit(new Renamed("held"));
            tail = EventStoreTail.start(database.dataSource(), applied::add, Optional.of(new TailPosition(2, List.of(1L))),
                    CheckpointSchedule.NEVER, position -> { }, clock, EventStoreTail.TICK);
            assertThat(applied).isEmpty();

            slow.commit();
        }
        assertThat(tail.awaitNextRead(WAIT)).isTrue();

        assertThat(applied).containsExactly(new Renamed("slow"));
    }

    @Test
    void tailWhenTheScheduledNumberOfChangesWasAppliedThenHandsOverItsPositionWithItsGaps() throws Exception {
        List<TailPosition> checkpoints = new CopyOnWriteArrayList<>();
        tail = EventStoreTail.start(database.dataSource(), applied::add, Optional.empty(),
                new CheckpointSchedule(2, Duration.ofHours(1)), checkpoints::add, clock, EventStoreTail.TICK);
        try (Connection slow = database.dataSource().getConnection()) {
            slow.setAutoCommit(false);
            insert(slow, new Renamed("slow"));
            commit(new Renamed("a"));
            commitUnreadableCall();
            assertThat(tail.awaitNextRead(WAIT)).isTrue();
            assertThat(tail.awaitNextRead(WAIT)).isTrue();
            assertThat(checkpoints).isEmpty();

            commit(new Renamed("b"));
            assertThat(tail.awaitNextRead(WAIT)).isTrue();
            assertThat(tail.awaitNextRead(WAIT)).isTrue();
            slow.rollback();
        }

        assertThat(checkpoints).containsExactly(new TailPosition(4, List.of(1L)));
    }

    @Test
    void tailWhenFewerChangesThanScheduledThenHandsOverItsPositionOnceTheIntervalPassedAndNotAgainWithoutChange() throws Exception {
        List<TailPosition> checkpoints = new CopyOnWriteArrayList<>();
        tail = EventStoreTail.start(database.dataSource(), applied::add, Optional.empty(),
                new CheckpointSchedule(100, Duration.ofMinutes(10)), checkpoints::add, clock, EventStoreTail.TICK);
        commit(new Renamed("a"));
        assertThat(tail.awaitNextRead(WAIT)).isTrue();

        clock.advance(Duration.ofMinutes(10));
        assertThat(tail.awaitNextRead(WAIT)).isTrue();
        assertThat(tail.awaitNextRead(WAIT)).isTrue();
        clock.advance(Duration.ofMinutes(10));
        assertThat(tail.awaitNextRead(WAIT)).isTrue();
        assertThat(tail.awaitNextRead(WAIT)).isTrue();

        assertThat(checkpoints).containsExactly(new TailPosition(1, List.of()));
    }

    private void commit(Object change) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            insert(connection, change);
        }
    }

    private static void insert(Connection connection, Object change) throws SQLException {
        SerializedObject<byte[]> payload = AxonConfiguration.serializer().serialize(change, byte[].class);
        insert(connection, payload.getData(), payload.getType().getName());
    }

    private void commitUnreadableCall() throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            insert(connection, "{not json".getBytes(StandardCharsets.UTF_8), ApiCallRecorded.class.getName());
        }
    }

    private void commitUnreadableChange() throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            insert(connection, "{not json".getBytes(StandardCharsets.UTF_8), Renamed.class.getName());
        }
    }

    private static void insert(Connection connection, byte[] payload, String type) throws SQLException {
        String eventId = UUID.randomUUID().toString();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO domain_event_entry (event_identifier, payload,"
                + " payload_type, time_stamp, aggregate_identifier, sequence_number) VALUES (?, ?, ?, ?, ?, 0)")) {
            insert.setString(1, eventId);
            insert.setBytes(2, payload);
            insert.setString(3, type);
            insert.setString(4, Instant.now().toString());
            insert.setString(5, eventId);
            insert.executeUpdate();
        }
    }

    /** The tail's clock, which only gap expiry reads: moved by the test. */
    private static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-06T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
