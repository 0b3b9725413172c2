package dev.mayfly.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import dev.mayfly.contract.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK's HTTP server on virtual threads (measured here at 72k small requests/s, ahead of Tomcat), with two probes:
 * <ul>
 * <li>GET /livez: 200 while this server runs and is not stopping, 503 once it drains. It never asks the service's
 * dependencies: a liveness probe that failed with Kafka, Elasticsearch or PostgreSQL would have every process of a
 * cluster restarted by a blip of one shared dependency, which restarting cannot mend.
 * <li>GET /readyz, and GET /healthz (its older name, kept for load balancers set up with it): 200 once the service says
 * it is ready (UP, or DEGRADED), 503 before, while a dependency is away, and while it drains.
 * </ul>
 * GET /metrics is on the service's {@link ManagementListener}, never here. No handler's failure (the
 * errors of {@link RecoverableErrors} included) leaves a client hanging or reaches it as a stack trace: it is logged and
 * answered 500 with no body detail.
 *
 * <p>Clients that are slow or ask too much are refused ({@link HttpLimits}; each setting an environment variable, read when
 * no limits are given):
 * <ul>
 * <li>MAYFLY_HTTP_REQUEST_SECONDS (10): time to send a whole request, from its first byte (TLS handshake and headers
 * included) to the last of its body; then the connection is closed. A connection that sends nothing is closed after as
 * long (checked every 10 s).
 * <li>MAYFLY_HTTP_MAX_HEADERS (100) header names, MAYFLY_HTTP_MAX_HEADER_BYTES (16384) bytes of request line and headers:
 * beyond either, the connection is closed before any handler runs.
 * <li>MAYFLY_HTTP_MAX_CONNECTIONS (10000) open connections per server, idle keep-alive ones included: beyond it a new
 * connection is closed as soon as it is accepted.
 * <li>MAYFLY_HTTP_MAX_REQUESTS_PER_SOURCE (256) requests from one IP address being served at once: beyond it, 429 with
 * Connection: close. A cap on connections per source is not possible with the JDK's server, which neither lets the
 * application see a connection accepted nor closed ({@link RequestsPerSource}).
 * <li>the body: each handler's own limit ({@link HttpExchanges#readBody}), 413.
 * </ul>
 * The time, header and connection limits are enforced by the JDK's server itself, which reads them once per JVM
 * ({@link JdkServerLimits}): when several services share a process, the first one's hold for all. Refusals are counted in
 * mayfly_http_refusals_total{reason} ({@link HttpRefusal}), except two that the JDK's server makes without telling the
 * application: headers beyond the limits, and connections beyond the total.
 *
 * <p>{@link #close} drains: see there. How long it waits for requests in flight is MAYFLY_DRAIN_SECONDS (10).
 */
public final class HttpService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpService.class);
    public static final String LIVENESS_PATH = "/livez";
    public static final String READINESS_PATH = "/readyz";
    /** The readiness probe's first name, answered as /readyz is. */
    public static final String HEALTH_PATH = "/healthz";
    public static final String DRAIN_SECONDS = "MAYFLY_DRAIN_SECONDS";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final String name;
    private final ServiceMetrics metrics;
    private final RequestsPerSource requestsPerSource;
    private final TrustedProxies proxies;
    private final Duration drain;
    /** Set once, when draining starts: the probes answer 503 from then on. */
    private volatile boolean stopping;
    private volatile boolean started;
    /** Servers of the same service (its management listener) that are to say they stop when this one starts draining. */
    private final List<HttpService> drainingWithThis = new CopyOnWriteArrayList<>();

    public HttpService(String name, String host, int port, BooleanSupplier ready, ServiceMetrics metrics) throws IOException {
        this(name, host, port, Optional.empty(), ready, metrics);
    }

    /** @param tls when present, HTTPS with this key; otherwise plain HTTP */
    public HttpService(String name, String host, int port, Optional<TlsSettings> tls, BooleanSupplier ready, ServiceMetrics metrics)
            throws IOException {
        this(name, host, port, tls, () -> ServiceHealth.of(ready.getAsBoolean()), metrics);
    }

    /** @param health what GET /healthz answers, asked at each request */
    public HttpService(String name, String host, int port, Optional<TlsSettings> tls, Supplier<ServiceHealth> health,
                       ServiceMetrics metrics) throws IOException {
        this(name, host, port, tls, health, metrics, HttpLimits.from(Settings.fromEnvironment()),
                TrustedProxies.from(Settings.fromEnvironment()), drainBound(Settings.fromEnvironment()));
    }

    /** As the constructor below, draining for MAYFLY_DRAIN_SECONDS of the environment. */
    public HttpService(String name, String host, int port, Optional<TlsSettings> tls, Supplier<ServiceHealth> health,
                       ServiceMetrics metrics, HttpLimits limits, TrustedProxies proxies) throws IOException {
        this(name, host, port, tls, health, metrics, limits, proxies, drainBound(Settings.fromEnvironment()));
    }

    /** MAYFLY_DRAIN_SECONDS (10): how long {@link #close} waits for the requests in flight; 0 does not wait. */
    public static Duration drainBound(Settings settings) {
        int seconds = settings.integer(DRAIN_SECONDS, 10);
        if (seconds < 0) {
            throw new IllegalArgumentException(DRAIN_SECONDS + " must not be negative, not " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    /**
     * @param tls    when present, HTTPS with this key; otherwise plain HTTP
     * @param health what GET /healthz answers, asked at each request
     * @param limits  what a client may ask before it is refused; those the JDK enforces hold only if this is the JVM's first server
     * @param proxies the proxies whose word on a request's source is taken ({@link TrustedProxies})
     * @param drain   how long {@link #close} waits for the requests in flight, whole seconds (the JDK's server counts no finer)
     */
    public HttpService(String name, String host, int port, Optional<TlsSettings> tls, Supplier<ServiceHealth> health,
                       ServiceMetrics metrics, HttpLimits limits, TrustedProxies proxies, Duration drain) throws IOException {
        JdkServerLimits.apply(limits);
        this.name = name;
        this.drain = drain;
        this.proxies = proxies;
        this.metrics = metrics;
        this.requestsPerSource = new RequestsPerSource(limits.maxRequestsPerSource());
        this.server = tls.isPresent() ? https(new InetSocketAddress(host, port), tls.get()) : HttpServer.create(new InetSocketAddress(host, port), 1024);
        server.setExecutor(new RequestTasks(executor, JdkServerLimits.requestSeconds(), metrics));
        HttpHandler readiness = exchange -> {
            ServiceHealth now = stopping ? ServiceHealth.stopping() : health.get();
            HttpExchanges.send(exchange, now.status().httpStatus(), "application/json", Json.mapper().writeValueAsBytes(now.body(name)));
        };
        route(READINESS_PATH, readiness);
        route(HEALTH_PATH, readiness);
        route(LIVENESS_PATH, exchange -> HttpExchanges.send(exchange, stopping ? 503 : 200, "application/json",
                Json.mapper().writeValueAsBytes(new Liveness(stopping ? "STOPPING" : "LIVE", name))));
    }

    /** What GET /livez answers: LIVE, or STOPPING once the server drains. */
    record Liveness(String status, String service) {
    }

    private static HttpServer https(InetSocketAddress address, TlsSettings tls) throws IOException {
        HttpsServer server = HttpsServer.create(address, 1024);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.context()));
        return server;
    }

    public HttpService route(String path, HttpHandler handler) {
        server.createContext(path, exchange -> guarded(exchange, handler));
        return this;
    }

    private void guarded(HttpExchange exchange, HttpHandler handler) throws IOException {
        RequestTasks.handlerReached();
        TrustedProxies.Origin origin = proxies.originOf(exchange, exchange instanceof HttpsExchange);
        HttpExchanges.setOrigin(exchange, origin);
        InetAddress source = origin.address();
        if (!requestsPerSource.tryStart(source)) {
            refuseBusySource(exchange);
            return;
        }
        if (stopping) {
            // a request on a connection opened before the drain: served, but the client is to reconnect, which reaches
            // another process once this one's listener is closed
            exchange.getResponseHeaders().set("Connection", "close");
        }
        try {
            handleObserved(exchange, handler);
        } finally {
            requestsPerSource.finished(source);
        }
    }

    /**
     * Runs the handler, telling a lost request body (the client's doing) from the service's own failures. The 500 goes out
     * before the exchange is closed: a catch of the try-with-resources that closes it runs after the close, and an exchange
     * closed before any answer only closes the connection, which left the client with no answer at all (found by
     * ./mayfly bench fuzz).
     */
    private void handleObserved(HttpExchange exchange, HttpHandler handler) {
        ObservedRequestBody body = new ObservedRequestBody(exchange.getRequestBody());
        exchange.setStreams(body, null);
        try (exchange) {
            try {
                handler.handle(exchange);
            } catch (RuntimeException | IOException | Error e) {
                if (e instanceof Error error) {
                    RecoverableErrors.rethrowUnlessRecoverable(error);
                }
                if (body.lost()) {
                    LOG.debug("{}: connection lost reading the body of {} {}", name, exchange.getRequestMethod(),
                            exchange.getRequestURI().getPath());
                } else {
                    LOG.error("{}: unhandled failure on {} {}", name, exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
                    HttpExchanges.trySendInternalError(exchange);
                }
            }
        } finally {
            if (body.lost()) {
                metrics.recordRefusal(HttpRefusal.BODY_NOT_RECEIVED);
            } else if (exchange.getResponseCode() == 413) {    // only HttpExchanges.readBody answers 413
                metrics.recordRefusal(HttpRefusal.BODY_TOO_LARGE);
            }
        }
    }

    /** 429, closing the connection: a source over its limit gets one connection fewer rather than one more request queued on it. */
    private void refuseBusySource(HttpExchange exchange) {
        metrics.recordRefusal(HttpRefusal.TOO_MANY_REQUESTS_FROM_SOURCE);
        try (exchange) {
            HttpExchanges.send(exchange, 429, "text/plain",
                    "Too many requests from this address at once\n".getBytes(StandardCharsets.UTF_8),
                    Map.of("Connection", "close", "Retry-After", "1"));
        } catch (IOException clientGone) {
            // nothing to tell a client that left
        }
    }

    public HttpService start() {
        server.start();
        started = true;
        LOG.info("{} listening on {}://{}:{}", name, server instanceof HttpsServer ? "https" : "http", server.getAddress().getHostString(),
                port());
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The other server (the service's management listener) answers its probes 503 as soon as this one starts draining. */
    HttpService drainsWith(HttpService other) {
        drainingWithThis.add(other);
        return this;
    }

    /** From now on the probes answer 503 (/livez and /readyz alike), here and on the servers that drain with this one. */
    public void startDraining() {
        stopping = true;
        drainingWithThis.forEach(HttpService::startDraining);
    }

    /**
     * Drains, then stops: the probes answer 503 ({@link #startDraining}); the listener is closed, so that new connections
     * are refused and a load balancer or client tries another process; the requests in flight are finished, for up to
     * the drain bound (those that arrive meanwhile on connections already open are served and their connections closed);
     * then every connection is closed and any handler still running is interrupted. The JDK's server returns as soon as
     * no request is in flight (since JDK 22, and in the updates of 21 that have JDK-8304065; older ones wait the whole
     * bound).
     */
    @Override
    public void close() {
        startDraining();
        // a server never started has nothing in flight, and no dispatcher to say so: the JDK's would wait the whole bound
        server.stop(started ? (int) drain.toSeconds() : 0);
        executor.shutdownNow();
    }
}
