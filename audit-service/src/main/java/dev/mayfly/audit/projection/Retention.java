package dev.mayfly.audit.projection;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what is past retention: whole audit indices, and what was made of their records (the detections' findings),
 * which must not outlive the records they point to. At start, then every hour.
 */
public final class Retention implements AutoCloseable {

    /** Something kept for as long as the trail. */
    @FunctionalInterface
    public interface Expiring {
        void deleteExpired(Instant now, Duration retention) throws IOException;
    }


    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable ->
            Thread.ofPlatform().name("audit-retention").daemon().unstarted(runnable));

    private Retention() {
    }

    public static Retention start(Duration retention, Clock clock, List<Expiring> kept) {
        Retention task = new Retention();
        task.executor.scheduleWithFixedDelay(() -> {
            for (Expiring expiring : kept) {
                try {
                    expiring.deleteExpired(clock.instant(), retention);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("audit retention did not run ({}); trying again within the hour", e.getMessage());
                }
            }
        }, 0, 1, TimeUnit.HOURS);
        return task;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
