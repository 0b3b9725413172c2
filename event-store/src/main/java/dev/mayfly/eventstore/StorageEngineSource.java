package dev.mayfly.eventstore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event store as a streaming processor's source, each stream reading the storage engine itself rather than Axon's
 * cache of recent events, and woken by commits in this process ({@link CommitSignal}).
 *
 * <p>Why not the cache: it keeps the last 10,000 events, ten seconds of a busy issuer's calls, so every cached event
 * outlived a young collection. At 1,000 calls a second each young collection promoted some 10 MB of them, its pause
 * grew with the old generation, and a full collection of about a second followed every quarter of an hour. A stream of
 * its own holds only what its processor has not handled yet, for milliseconds. Axon's own uncached stream
 * ({@code optimizeEventConsumption(false)}) could not serve instead: once it has read everything, it waits on a
 * condition only the cache's reader signals before it reads again.
 *
 * <p>A stream reads when its processor asks and something may have been stored since its last read: a commit in this
 * process, the signal's tick (commits of other processes), or a last read that found events. It reads at most once per
 * {@code pace}: asked sooner, it answers "nothing yet" and wakes its processor when its turn comes. One read is one
 * query (two when it finds nothing: Axon then also looks for events past a gap).
 */
final class StorageEngineSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final BatchingEventStorageEngine engine;
    private final CommitSignal commits;
    private final Duration pace;

    StorageEngineSource(BatchingEventStorageEngine engine, CommitSignal commits, Duration pace) {
        this.engine = engine;
        this.commits = commits;
        this.pace = pace;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new Tail(token);
    }

    @Override
    public TrackingToken createTailToken() {
        return engine.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return engine.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant instant) {
        return engine.createTokenAt(instant);
    }

    /** One processor's stream. Its processor reads it from one thread at a time; the signal calls in from others. */
    private final class Tail implements BlockingStream<TrackedEventMessage<?>> {
        private final Deque<TrackedEventMessage<?>> unread = new ArrayDeque<>();
        private final MinimumInterval reads = new MinimumInterval(pace);
        private final AtomicBoolean wakeUpPending = new AtomicBoolean();
        private final Runnable onCommit = this::somethingStored;
        private TrackingToken position;
        /** Something may have been stored since the last read; true at first, so that the first ask reads. */
        private volatile boolean stale = true;
        private volatile Runnable processorCallback = () -> {
        };

        Tail(TrackingToken start) {
            this.position = start;
            commits.watch(onCommit);
        }

        private void somethingStored() {
            stale = true;
            processorCallback.run();
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            processorCallback = callback;
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            readIfDue();
            return Optional.ofNullable(unread.peek());
        }

        @Override
        public boolean hasNextAvailable() {
            return readIfDue();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (!readIfDue()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                Thread.sleep(Duration.ofNanos(Math.min(left, pace.toNanos())));
            }
            return true;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(Integer.MAX_VALUE, TimeUnit.MILLISECONDS)) {
                // waited the longest a caller can ask for; nothing is lost by asking again
            }
            return unread.poll();
        }

        /** Whether an event is there to take, reading the store first if it may hold more and a read is due. */
        private boolean readIfDue() {
            if (!unread.isEmpty()) {
                return true;
            }
            if (!stale) {
                return false;
            }
            long notYet = reads.startIfDue();
            if (notYet > 0) {
                wakeUpIn(notYet);
                return false;
            }
            stale = false;
            List<TrackedEventMessage<?>> batch = engine.readBatch(position);
            if (!batch.isEmpty()) {
                position = batch.getLast().trackingToken();
                unread.addAll(batch);
                // more may wait until a read finds nothing: a batch is a range of global indices, short where they have gaps
                stale = true;
            }
            return !unread.isEmpty();
        }

        private void wakeUpIn(long nanos) {
            if (wakeUpPending.compareAndSet(false, true)) {
                commits.schedule(() -> {
                    wakeUpPending.set(false);
                    processorCallback.run();
                }, nanos);
            }
        }

        @Override
        public void close() {
            commits.unwatch(onCommit);
        }
    }
}
