package dev.mayfly.eventstore;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Wakes Axon's pooled streaming processors the moment events are committed in this process. On a JDBC event store
 * their coordinator otherwise looks for new events every 500 ms (a fixed delay, for sources that cannot say when
 * events arrive), which alone made every published event up to half a second late. Woken, a coordinator still takes
 * everything available at once, so events go out in batches under load and immediately when the service is quiet.
 *
 * <p>A commit's wake-up can come too early: the event store reads new events into its cache on a thread of its own,
 * and a coordinator woken before that read finds nothing, decides it caught up and sleeps until its next claim
 * check (five seconds). Under load the next commit wakes it again; the last events before a quiet spell (and events
 * another process committed) waited those five seconds. Every {@value #TICK_MILLIS} ms the open streams are woken
 * anyway: a coordinator that finds nothing looks into the cache, not the database.
 */
final class CommitSignal {

    static final long TICK_MILLIS = 100;
    private static final String REGISTERED = CommitSignal.class.getName() + ".registered";
    private static final ScheduledExecutorService TICKER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("commit-signal-tick").factory());
    private final Set<Runnable> waiting = ConcurrentHashMap.newKeySet();
    /** Wakes the open streams every tick while there are any; null while there are none. */
    private ScheduledFuture<?> ticking;

    /** After each unit of work that published events commits, wakes every stream opened through {@link #wake}. */
    CommitSignal attachTo(EventBus bus) {
        bus.registerDispatchInterceptor(messages -> {
            if (CurrentUnitOfWork.isStarted()) {
                UnitOfWork<?> root = CurrentUnitOfWork.get().root();
                root.getOrComputeResource(REGISTERED, key -> {
                    root.afterCommit(unitOfWork -> fire());
                    return Boolean.TRUE;
                });
            }
            return (index, message) -> message;
        });
        return this;
    }

    private void fire() {
        waiting.forEach(Runnable::run);
    }

    private synchronized void watch(Runnable callback) {
        waiting.add(callback);
        if (ticking == null) {
            ticking = TICKER.scheduleWithFixedDelay(this::fire, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void unwatch(Runnable callback) {
        waiting.remove(callback);
        if (waiting.isEmpty() && ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }

    /** The source, its streams telling their processor that events are available when this signal fires. */
    StreamableMessageSource<TrackedEventMessage<?>> wake(StreamableMessageSource<TrackedEventMessage<?>> source) {
        return new StreamableMessageSource<>() {
            @Override
            public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
                return new WokenStream(source.openStream(token));
            }

            @Override
            public TrackingToken createTailToken() {
                return source.createTailToken();
            }

            @Override
            public TrackingToken createHeadToken() {
                return source.createHeadToken();
            }

            @Override
            public TrackingToken createTokenAt(Instant instant) {
                return source.createTokenAt(instant);
            }
        };
    }

    /** A stream that accepts an availability callback, and has this signal call it. */
    private final class WokenStream implements BlockingStream<TrackedEventMessage<?>> {
        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private volatile Runnable callback;

        WokenStream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            watch(callback);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public boolean hasNextAvailable() {
            return delegate.hasNextAvailable();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignored) {
            delegate.skipMessagesWithPayloadTypeOf(ignored);
        }

        @Override
        public void close() {
            Runnable registered = callback;
            if (registered != null) {
                unwatch(registered);
            }
            delegate.close();
        }
    }
}
