package dev.mayfly.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinimumIntervalTest {

    private static final long MS = 1_000_000;

    private long now = 1_000 * MS;
    private final List<Long> sleeps = new ArrayList<>();
    private final MinimumInterval interval = new MinimumInterval(Duration.ofMillis(10), () -> now, nanos -> {
        sleeps.add(nanos);
        now += nanos;
    });

    @Test
    void awaitTurnWhenFirstThenAtOnce() {
        interval.awaitTurn();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void awaitTurnWhenSoonerThanTheIntervalThenWaitsForItsEnd() {
        interval.awaitTurn();
        now += 3 * MS;
        interval.awaitTurn();
        assertThat(sleeps).containsExactly(7 * MS);
    }

    @Test
    void awaitTurnWhenAnIntervalOrMoreLaterThenAtOnce() {
        interval.awaitTurn();
        now += 10 * MS;
        interval.awaitTurn();
        now += 25 * MS;
        interval.awaitTurn();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void awaitTurnWhenCalledBackToBackThenOncePerInterval() {
        for (int i = 0; i < 5; i++) {
            interval.awaitTurn();
        }
        assertThat(sleeps).containsExactly(10 * MS, 10 * MS, 10 * MS, 10 * MS);
    }

    @Test
    void awaitTurnWhenInterruptedWhileWaitingThenStartsAndKeepsTheInterrupt() {
        MinimumInterval interrupted = new MinimumInterval(Duration.ofMillis(10), () -> now, nanos -> {
            throw new InterruptedException();
        });
        interrupted.awaitTurn();
        interrupted.awaitTurn();
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void startIfDueWhenSoonerThanTheIntervalThenStartsNothingAndSaysWhenItIsDue() {
        assertThat(interval.startIfDue()).isZero();
        now += 3 * MS;

        assertThat(interval.startIfDue()).isEqualTo(7 * MS);
        now += 7 * MS;

        assertThat(interval.startIfDue()).as("due from the first start, not the refused one").isZero();
        assertThat(interval.startIfDue()).isEqualTo(10 * MS);
        assertThat(sleeps).isEmpty();
    }
}
