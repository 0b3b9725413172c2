package dev.mayfly.eventstore;

import java.time.Duration;
import java.util.function.LongSupplier;

/** Lets something start at most once per interval: a start that comes sooner waits for the interval's end. */
final class MinimumInterval {

    /** Waits the given nanoseconds. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long lastStart;

    MinimumInterval(Duration interval) {
        this(interval, System::nanoTime, nanos -> Thread.sleep(Duration.ofNanos(nanos)));
    }

    MinimumInterval(Duration interval, LongSupplier nanoTime, Sleeper sleeper) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.lastStart = nanoTime.getAsLong() - intervalNanos;
    }

    /** Returns when the next start is due: at once if the last one was an interval ago or more. */
    synchronized void awaitTurn() {
        long wait = lastStart + intervalNanos - nanoTime.getAsLong();
        if (wait > 0) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();   // closing: start now, whoever interrupted stops it after
            }
        }
        lastStart = nanoTime.getAsLong();
    }

    /**
     * Starts now if the start is due, and returns 0; otherwise starts nothing and returns the nanoseconds until it is
     * due, for whoever cannot wait to come back then.
     */
    synchronized long startIfDue() {
        long now = nanoTime.getAsLong();
        long wait = lastStart + intervalNanos - now;
        if (wait > 0) {
            return wait;
        }
        lastStart = now;
        return 0;
    }
}
