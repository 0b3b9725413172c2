package dev.mayfly.eventstore;

import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * The JDBC storage engine, with the event store's tailing reads paced. Axon's embedded event store wakes its one
 * tailing reader (the shared cache the streaming processors read from) on every commit, and each wake-up costs two
 * queries. At 500 calls a second PostgreSQL ran some 1,900 transactions a second, three in four of them those reads,
 * each finding an event or two. Paced, the reader reads at most once per interval: the events committed in between come
 * in one query, a few milliseconds later at most.
 *
 * <p>Only the reads that may wait for new events (the tailing reader's) are paced; a stream that reads what is stored
 * already (a processor catching up, a replay) goes at full speed.
 */
final class PacedEventStorageEngine extends JdbcEventStorageEngine {

    private final MinimumInterval tailingReads;

    PacedEventStorageEngine(Builder builder, MinimumInterval tailingReads) {
        super(builder);
        this.tailingReads = tailingReads;
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken token, boolean mayBlock) {
        if (mayBlock) {
            tailingReads.awaitTurn();
        }
        return super.readEventData(token, mayBlock);
    }
}
