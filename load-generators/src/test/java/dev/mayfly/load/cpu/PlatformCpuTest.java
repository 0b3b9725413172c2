package dev.mayfly.load.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** On this test JVM, found by a port it listens on, as ./mayfly bench finds the platform's. */
class PlatformCpuTest {

    /** How much CPU the busy thread spends: well above a few 10 ms clock ticks. */
    private static final long BUSY_NANOS = 300_000_000L;

    @Test
    void stopWhenANamedThreadWasBusyThenItsTimeInItsComponent() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PlatformCpu cpu = PlatformCpu.listeningOn(listener.getLocalPort()).orElseThrow();
            assertThat(cpu.roots()).containsExactly(ProcessHandle.current().pid());
            cpu.start();
            CountDownLatch spun = new CountDownLatch(1);
            CountDownLatch sampled = new CountDownLatch(1);
            // alive until sampled: a thread that has ended counts as an exited thread, not by its name
            Thread busy = Thread.ofPlatform().name("event-store-group-commit").start(() -> {
                spin();
                spun.countDown();
                awaitQuietly(sampled);
            });
            spun.await();
            CpuBreakdown spent = cpu.stop();
            sampled.countDown();
            busy.join();

            // at least 0.3 s of the thread's CPU, less a tick lost at either end to the counters' rounding
            assertThat(spent.ticksByComponent().get(CpuComponent.EVENT_STORE)).isGreaterThanOrEqualTo(BUSY_NANOS * spent.clockTicks() / 1_000_000_000L - 2);
            assertThat(spent.totalTicks()).isGreaterThanOrEqualTo(spent.ticksByComponent().get(CpuComponent.EVENT_STORE));
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Spends CPU until this thread's own counter shows it spent enough: no wall-clock time is assumed. */
    private static void spin() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + BUSY_NANOS;
        long sink = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            for (int i = 0; i < 100_000; i++) {
                sink += i ^ sink;
            }
        }
        if (sink == 42) {
            System.out.print("");
        }
    }
}
