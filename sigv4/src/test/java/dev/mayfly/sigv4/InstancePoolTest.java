package dev.mayfly.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InstancePoolTest {

    @Test
    void applyWhenCalledAgainThenReusesTheIdleInstance() {
        AtomicInteger made = new AtomicInteger();
        InstancePool<Object> pool = new InstancePool<>(() -> { made.incrementAndGet(); return new Object(); }, 4);
        Object first = pool.apply(instance -> instance);
        Object second = pool.apply(instance -> instance);
        assertThat(second).isSameAs(first);
        assertThat(made).hasValue(1);
    }

    @Test
    void applyWhenUseThrowsThenInstanceIsNotReused() {
        InstancePool<Object> pool = new InstancePool<>(Object::new, 4);
        Object[] failed = new Object[1];
        assertThatThrownBy(() -> pool.apply(instance -> {
            failed[0] = instance;
            throw new IllegalStateException("broken");
        })).hasMessage("broken");
        assertThat(pool.<Object, RuntimeException>apply(instance -> instance)).isNotSameAs(failed[0]);
    }

    @Test
    void applyWhenManyThreadsAtOnceThenNoInstanceIsHeldByTwoAndAtMostMaxIdleAreKept() throws Exception {
        int threads = 32;
        InstancePool<Object> pool = new InstancePool<>(Object::new, 4);
        Set<Object> held = ConcurrentHashMap.newKeySet();
        AtomicInteger sharedUses = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(Thread.ofVirtual().start(() -> {
                awaitQuietly(start);
                for (int i = 0; i < 2_000; i++) {
                    pool.apply(instance -> {
                        if (!held.add(instance)) {
                            sharedUses.incrementAndGet();
                        }
                        Thread.yield();
                        held.remove(instance);
                        return null;
                    });
                }
            }));
        }
        start.countDown();
        for (Thread thread : running) {
            thread.join();
        }
        assertThat(sharedUses).hasValue(0);
    }

    @Test
    void applyWhenMoreWereInUseThanMaxIdleThenOnlyMaxIdleAreKept() {
        InstancePool<Object> pool = new InstancePool<>(Object::new, 4);
        Set<Object> first = ConcurrentHashMap.newKeySet();
        holdNested(pool, 6, first);
        Set<Object> second = ConcurrentHashMap.newKeySet();
        holdNested(pool, 6, second);
        second.retainAll(first);
        assertThat(second).hasSize(4);
    }

    /** Holds {@code depth} instances at once, as that many concurrent requests would. */
    private static void holdNested(InstancePool<Object> pool, int depth, Set<Object> held) {
        if (depth > 0) {
            pool.<Object, RuntimeException>apply(instance -> {
                held.add(instance);
                holdNested(pool, depth - 1, held);
                return null;
            });
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
