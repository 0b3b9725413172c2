package dev.mayfly.audit.projection;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes whole audit indices once they are past retention: at start, then every hour. */
public final class Retention implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable ->
            Thread.ofPlatform().name("audit-retention").daemon().unstarted(runnable));

    private Retention() {
    }

    public static Retention start(AuditIndices indices, Duration retention, Clock clock) {
        Retention task = new Retention();
        task.executor.scheduleWithFixedDelay(() -> {
            try {
                indices.deleteExpired(clock.instant(), retention);
            } catch (IOException | RuntimeException e) {
                LOG.warn("audit retention did not run ({}); trying again within the hour", e.getMessage());
            }
        }, 0, 1, TimeUnit.HOURS);
        return task;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
