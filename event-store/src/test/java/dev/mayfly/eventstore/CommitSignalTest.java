package dev.mayfly.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CommitSignalTest {

    private static final Duration TICK = Duration.ofMillis(20);

    @Test
    void watchWhenNothingIsCommittedThenTheWatcherIsStillCalledEveryTick() throws Exception {
        CommitSignal signal = new CommitSignal(TICK);
        CountDownLatch calls = new CountDownLatch(3);
        Runnable watcher = calls::countDown;

        signal.watch(watcher);

        assertThat(calls.await(30, TimeUnit.SECONDS)).as("called three times without a commit").isTrue();
        signal.unwatch(watcher);
    }

    @Test
    void unwatchWhenTheLastWatcherLeavesThenItIsNoLongerCalled() throws Exception {
        CommitSignal signal = new CommitSignal(TICK);
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch first = new CountDownLatch(1);
        Runnable watcher = () -> {
            calls.incrementAndGet();
            first.countDown();
        };
        signal.watch(watcher);
        assertThat(first.await(30, TimeUnit.SECONDS)).isTrue();

        signal.unwatch(watcher);
        int atUnwatch = calls.get();
        Thread.sleep(TICK.multipliedBy(5));

        assertThat(calls.get()).as("at most a tick already under way when it left").isLessThanOrEqualTo(atUnwatch + 1);
    }
}
