package dev.mayfly.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mayfly.contract.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A service's second listener, for its operators rather than its clients: GET /metrics, the probes of {@link HttpService}
 * (/livez, /readyz, /healthz; they answer 503 as soon as the public port starts draining), and whatever
 * operator endpoints the service adds ({@link #route}), on its own address and port ({@link ManagementSettings}, loopback
 * by default), over HTTPS when the service serves HTTPS. What is served here is withheld from the public port, which
 * answers 404 for it ({@link #start}): metrics tell an outsider what the service is doing, and an operator endpoint is
 * one leaked token away from being an outsider's. The probes stay on the public port too, for load balancers.
 *
 * <p>It is an {@link HttpService}, with the same limits on slow and greedy clients as the public port.
 */
public final class ManagementListener implements AutoCloseable {

    public static final String METRICS_PATH = "/metrics";
    /** What ./mayfly status asks each service: {@link About}. */
    public static final String ABOUT_PATH = "/about";
    /** What the public port answers for a path served here: the shape of AWS's JSON protocols for an unknown operation. */
    private static final byte[] NOT_ON_THIS_PORT = """
            {"__type":"UnknownOperationException","message":"This service has no operation at this method and path."}"""
            .getBytes(StandardCharsets.UTF_8);

    private final String service;
    private final HttpService http;
    private final List<String> paths = new ArrayList<>();

    /**
     * @param service the service's name; this listener logs and answers /healthz as NAME-management
     * @param tls     when present, HTTPS with this key (the public port's); otherwise plain HTTP
     * @param health  what GET /healthz answers here, as on the public port
     * @param metrics what GET /metrics answers
     */
    public ManagementListener(String service, ManagementSettings settings, Optional<TlsSettings> tls, Supplier<ServiceHealth> health,
                              ServiceMetrics metrics) throws IOException {
        this.service = service;
        this.http = new HttpService(service + "-management", settings.host(), settings.port(), tls, health, metrics);
        route(METRICS_PATH, exchange -> HttpExchanges.send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape().getBytes(StandardCharsets.UTF_8)));
    }

    /** Serves an operator's endpoint here, and only here. */
    public ManagementListener route(String path, HttpHandler handler) {
        http.route(path, handler);
        paths.add(path);
        return this;
    }

    /**
     * Serves GET /about: which service this is, its version, and the ids of the keys it seals and signs with now (they
     * change at a rotation, and an operator checks that every process took the new ones).
     *
     * @param keysInUse the current key id by the keys' purpose (session-token, issuer-signing...), asked at each request;
     *                  ids only, never a key
     */
    public ManagementListener about(Supplier<Map<String, String>> keysInUse) {
        return route(ABOUT_PATH, exchange -> HttpExchanges.send(exchange, 200, "application/json",
                Json.mapper().writeValueAsBytes(new About(service, MayflyVersion.current(), new TreeMap<>(keysInUse.get())))));
    }

    /** The answer of GET /about. */
    public record About(String service, String version, Map<String, String> keysInUse) {
    }

    /**
     * Makes the public port answer 404 for every path served here, then starts listening. Call it before the public port
     * starts, so that no request ever finds these paths there.
     */
    public ManagementListener start(HttpService publicPort) {
        paths.forEach(path -> publicPort.route(path, ManagementListener::notOnThisPort));
        publicPort.drainsWith(http);
        http.start();
        return this;
    }

    private static void notOnThisPort(HttpExchange exchange) throws IOException {
        HttpExchanges.send(exchange, 404, "application/json", NOT_ON_THIS_PORT);
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.close();
    }
}
