package dev.mayfly.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Threads started one after the other, each only once the one before waits: an arrival order a test can rely on. */
final class WaitingThreads {

    private final List<Thread> threads = new ArrayList<>();

    /** Starts the work on a thread of its own and returns once that thread is parked, as a call waiting for its group is. */
    WaitingThreads startAndAwaitWaiting(Runnable work) throws InterruptedException {
        Thread thread = Thread.ofPlatform().start(work);
        threads.add(thread);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(thread.getState()).isEqualTo(Thread.State.WAITING);
        return this;
    }

    boolean anyAlive() {
        return threads.stream().anyMatch(Thread::isAlive);
    }

    void joinAll() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
