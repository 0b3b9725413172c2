package dev.mayfly.runtime;

import java.time.Duration;

/** The pause before trying again after a failure that may pass: doubling from the first pause up to a ceiling. */
public final class RetryPause {

    private final Duration first;
    private final Duration ceiling;
    private Duration next;

    public RetryPause(Duration first, Duration ceiling) {
        this.first = first;
        this.ceiling = ceiling;
        this.next = first;
    }

    /** How long the next pause lasts. */
    public long nextMillis() {
        return next.toMillis();
    }

    /** Pauses, and makes the next pause twice as long (at most the ceiling). */
    public void pause() throws InterruptedException {
        Thread.sleep(next.toMillis());
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(ceiling) > 0 ? ceiling : doubled;
    }

    /** After a success: the next pause is the first again. */
    public void reset() {
        next = first;
    }
}
