package dev.mayfly.eventstore;

import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * The JDBC storage engine, spending fewer PostgreSQL transactions on the two things the issuer does most often:
 * reading what was just committed, and committing an API-call record.
 *
 * <p>Reads: Axon's embedded event store wakes its one tailing reader (the cache the tracking processors read from) on
 * every commit, and each wake-up costs two queries. At 500 calls a second PostgreSQL ran some 1,900 transactions a
 * second, three in four of them those reads, each finding an event or two. Paced, the reader reads at most once per
 * interval: the events committed in between come in one query, a few milliseconds later at most. Only the reads that
 * may wait for new events (the tailing reader's) are paced; a stream that reads what is stored already (a processor
 * catching up, a replay) goes at full speed. The pooled processors' own streams ({@link StorageEngineSource}) read
 * one batch at a time ({@link #readBatch}) and pace themselves.
 *
 * <p>Writes: a unit of work that commits nothing but API-call records shares its transaction with other such calls
 * ({@link GroupCommit}); every other unit of work commits in its own, as before.
 */
final class BatchingEventStorageEngine extends JdbcEventStorageEngine {

    private final MinimumInterval tailingReads;
    private final GroupCommit groupCommit = new GroupCommit(this::appendInOneTransaction);

    BatchingEventStorageEngine(Builder builder, MinimumInterval tailingReads) {
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

    /**
     * The events stored after a token, at most {@link #batchSize()} of them, oldest first: one query, two when there
     * are none (see {@link StorageEngineSource}).
     */
    List<TrackedEventMessage<?>> readBatch(TrackingToken after) {
        return EventUtils.upcastAndDeserializeTrackedEvents(fetchTrackedEvents(after, batchSize()).stream(),
                getEventSerializer(), upcasterChain).toList();
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (!GroupCommit.accepts(events)) {
            super.appendEvents(events, serializer);
            return;
        }
        // serialized here, on the calling threads, so that the one writer thread only talks to PostgreSQL; the
        // messages keep what they serialized, and the engine's data type is byte[] (its default)
        events.forEach(event -> {
            event.serializePayload(serializer, byte[].class);
            event.serializeMetaData(serializer, byte[].class);
        });
        groupCommit.store(events);
    }

    private void appendInOneTransaction(List<EventMessage<?>> events) {
        UnitsOfWork.inTransaction(() -> {
            super.appendEvents(events, getEventSerializer());
            return null;
        });
    }
}
