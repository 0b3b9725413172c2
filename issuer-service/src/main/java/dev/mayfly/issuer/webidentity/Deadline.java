package dev.mayfly.issuer.webidentity;

import java.net.SocketTimeoutException;
import java.time.Duration;

/** A moment by which a fetch must be done, on the monotonic clock (wall-clock changes do not move it). */
record Deadline(long expiresAtNanos) {

    static Deadline after(Duration duration) {
        return new Deadline(System.nanoTime() + duration.toNanos());
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, expiresAtNanos - System.nanoTime()));
    }

    boolean passed() {
        return remaining().isZero();
    }

    /** The time left in whole milliseconds, at least one: to sockets, zero would mean no timeout at all. */
    int remainingMillis() throws SocketTimeoutException {
        long left = remaining().toMillis();
        if (left <= 0) {
            throw new SocketTimeoutException("the fetch's deadline passed");
        }
        return (int) Math.min(left, Integer.MAX_VALUE);
    }
}
