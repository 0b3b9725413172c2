package dev.mayfly.dev;

import dev.mayfly.cli.QueryClient;
import dev.mayfly.load.AssumeRoleLoad;
import dev.mayfly.load.KeepAliveHttp;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * AssumeRole at a steady rate, each call on its own virtual thread so that calls hanging in an outage do not slow the
 * others, remembering how every call was answered. Calls in flight are bounded: when that many hang, the calls due
 * meanwhile are counted as not sent rather than piling up connections.
 */
final class RecordedLoad implements AutoCloseable {

    /** Enough for every call of a PostgreSQL outage of some seconds to wait for the store rather than go unsent. */
    private static final int MAX_IN_FLIGHT = 1_000;

    /**
     * How one call ended: answered (with its status, error code and request id), or not answered (null status).
     *
     * @param sent when it was sent
     * @param took until it ended
     */
    record Outcome(Instant sent, Duration took, Integer status, String code, String requestId) {
        boolean succeeded() {
            return status != null && status == 200;
        }

        String kind() {
            return status == null ? "no answer (" + code + ")" : status + (code == null ? "" : " " + code);
        }
    }

    private final AssumeRoleLoad load;
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicLong notSent = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread pacer;

    /** Starts calling at once, perSecond calls a second, for at most maxDuration. */
    RecordedLoad(AssumeRoleLoad load, int perSecond, Duration maxDuration) {
        this.load = load;
        long intervalNanos = 1_000_000_000L / perSecond;
        long calls = maxDuration.toSeconds() * perSecond;
        this.pacer = Thread.ofPlatform().name("recorded-load").start(() -> {
            long next = System.nanoTime();
            for (long i = 0; i < calls && running.get(); i++) {
                if (inFlight.tryAcquire()) {
                    Thread.ofVirtual().start(this::call);
                } else {
                    notSent.incrementAndGet();
                }
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(Duration.ofNanos(wait));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
    }

    private void call() {
        Instant sent = Instant.now();
        try {
            KeepAliveHttp.Reply reply = load.assumeRole();
            outcomes.add(new Outcome(sent, Duration.between(sent, Instant.now()), reply.status(),
                    reply.status() == 200 ? null : elementIfAny(reply.body(), "Code"), elementIfAny(reply.body(), "RequestId")));
        } catch (IOException e) {
            outcomes.add(new Outcome(sent, Duration.between(sent, Instant.now()), null, e.getClass().getSimpleName(), null));
        } finally {
            inFlight.release();
        }
    }

    /** An answer from something other than the issuer (a proxy, say) need not be the issuer's XML. */
    private static String elementIfAny(String xml, String name) {
        return xml.contains("<" + name + ">") ? QueryClient.element(xml, name) : null;
    }

    /** Stops calling and waits for the calls in flight to end (each bounded by the client's read timeout). */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        pacer.join();
        inFlight.acquire(MAX_IN_FLIGHT);
        inFlight.release(MAX_IN_FLIGHT);
        load.close();
    }

    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    long notSent() {
        return notSent.get();
    }

    /** How many of these calls ended each way: "200", "503 ServiceUnavailable", "no answer (SocketTimeoutException)". */
    static Map<String, Long> countsByKind(List<Outcome> outcomes) {
        return outcomes.stream().collect(Collectors.groupingBy(Outcome::kind, TreeMap::new, Collectors.counting()));
    }
}
