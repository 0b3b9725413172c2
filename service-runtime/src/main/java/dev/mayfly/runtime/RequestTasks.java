package dev.mayfly.runtime;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the JDK server's request tasks, and counts those it cut at the request time limit before any handler ran (a client
 * trickling its headers or TLS handshake). The server closes such a connection without telling the application; what can
 * be seen is a task that lasted the whole limit and never reached {@link #handlerReached}. Each task is one request, from
 * its first byte: the server hands it over just after starting the request's clock, so a task cut at the limit lasts at
 * least the limit, less the millisecond granularity of that clock.
 */
final class RequestTasks implements Executor {

    private static final ThreadLocal<Boolean> HANDLER_REACHED = ThreadLocal.withInitial(() -> false);
    private static final long CLOCK_GRANULARITY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Executor threads;
    private final long cutAfterNanos;
    private final ServiceMetrics metrics;

    /** @param requestSeconds the server's request time limit; none when not positive (as the JDK reads it), and nothing is cut */
    RequestTasks(Executor threads, long requestSeconds, ServiceMetrics metrics) {
        this.threads = threads;
        this.cutAfterNanos = requestSeconds > 0 ? TimeUnit.SECONDS.toNanos(requestSeconds) - CLOCK_GRANULARITY_NANOS : Long.MAX_VALUE;
        this.metrics = metrics;
    }

    /** Called by the handler's thread: this request was read far enough to be handled. */
    static void handlerReached() {
        HANDLER_REACHED.set(true);
    }

    @Override
    public void execute(Runnable request) {
        long started = System.nanoTime();
        threads.execute(() -> {
            try {
                request.run();
            } finally {
                if (!HANDLER_REACHED.get() && System.nanoTime() - started >= cutAfterNanos) {
                    metrics.recordRefusal(HttpRefusal.HEADERS_NOT_RECEIVED);
                }
                HANDLER_REACHED.remove();    // for the thread's next task, should it have one
            }
        });
    }
}
