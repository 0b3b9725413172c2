package dev.mayfly.eventstore;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Tells the streams of Axon's pooled streaming processors ({@link StorageEngineSource}) the moment events are
 * committed in this process. On a JDBC event store their coordinator otherwise looks for new events every 500 ms (a
 * fixed delay, for sources that cannot say when events arrive), which alone made every published event up to half a
 * second late. Woken, a coordinator still takes everything available at once, so events go out in batches under load
 * and immediately when the service is quiet.
 *
 * <p>Every tick (100 ms) the watching streams are told anyway: events another process committed (a second
 * instance on the same database) reach them no later than that.
 */
final class CommitSignal {

    private static final Duration TICK = Duration.ofMillis(100);
    private static final String REGISTERED = CommitSignal.class.getName() + ".registered";
    private static final ScheduledExecutorService TICKER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("commit-signal-tick").factory());
    private final Set<Runnable> waiting = ConcurrentHashMap.newKeySet();
    private final Duration tick;
    /** Calls back every tick while anyone watches; null while no one does. */
    private ScheduledFuture<?> ticking;

    CommitSignal() {
        this(TICK);
    }

    CommitSignal(Duration tick) {
        this.tick = tick;
    }

    /** After each unit of work that published events on this bus commits, calls back everyone watching. */
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

    /** Runs a task on the signal's thread after a delay: for a watcher that has to come back later. */
    void schedule(Runnable task, long delayNanos) {
        TICKER.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void fire() {
        waiting.forEach(Runnable::run);
    }

    /** Calls back after each commit that published events, and every tick, until {@link #unwatch}ed. */
    synchronized void watch(Runnable callback) {
        waiting.add(callback);
        if (ticking == null) {
            ticking = TICKER.scheduleWithFixedDelay(this::fire, tick.toNanos(), tick.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    synchronized void unwatch(Runnable callback) {
        waiting.remove(callback);
        if (waiting.isEmpty() && ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }
}
