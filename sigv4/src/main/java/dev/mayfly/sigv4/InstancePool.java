package dev.mayfly.sigv4;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Idle instances of a JCA engine ({@code Mac}, {@code MessageDigest}, {@code Cipher}) that are costly to look up and
 * key but not thread-safe: a request borrows one, uses it alone, and gives it back. Request threads are virtual threads,
 * one per request, so a ThreadLocal would look the engine up again on every request; a pool shared by all threads does
 * not. At most {@code maxIdle} instances are kept: under a burst the extra ones are made and dropped.
 *
 * <p>Public because session-token pools its AES-GCM ciphers with it.
 */
public final class InstancePool<T> {

    private final Queue<T> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final Supplier<T> factory;
    private final int maxIdle;

    public InstancePool(Supplier<T> factory, int maxIdle) {
        this.factory = factory;
        this.maxIdle = maxIdle;
    }

    /** Applies {@code use} to an instance nobody else holds meanwhile; an instance whose use threw is not reused. */
    public <R, E extends Exception> R apply(Use<T, R, E> use) throws E {
        T instance = idle.poll();
        if (instance == null) {
            instance = factory.get();
        } else {
            idleCount.decrementAndGet();
        }
        R result = use.apply(instance);
        if (idleCount.incrementAndGet() <= maxIdle) {
            idle.offer(instance);
        } else {
            idleCount.decrementAndGet();
        }
        return result;
    }

    /** What a borrower does with an instance, and may throw. */
    @FunctionalInterface
    public interface Use<T, R, E extends Exception> {
        R apply(T instance) throws E;
    }
}
