package dev.mayfly.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A service's second listener, for its operators rather than its clients: GET /metrics, GET /healthz, and whatever
 * operator endpoints the service adds ({@link #route}), on its own address and port ({@link ManagementSettings}, loopback
 * by default), over HTTPS when the service serves HTTPS. What is served here is withheld from the public port, which
 * answers 404 for it ({@link #start}): metrics tell an outsider what the service is doing, and an operator endpoint is
 * one leaked token away from being an outsider's. /healthz stays on the public port too, for load balancers.
 *
 * <p>It is an {@link HttpService}, with the same limits on slow and greedy clients as the public port.
 */
public final class ManagementListener implements AutoCloseable {

    public static final String METRICS_PATH = "/metrics";
    /** What the public port answers for a path served here: the shape of AWS's JSON protocols for an unknown operation. */
    private static final byte[] NOT_ON_THIS_PORT = """
            {"__type":"UnknownOperationException","message":"This service has no operation at this method and path."}"""
            .getBytes(StandardCharsets.UTF_8);

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
     * Makes the public port answer 404 for every path served here, then starts listening. Call it before the public port
     * starts, so that no request ever finds these paths there.
     */
    public ManagementListener start(HttpService publicPort) {
        paths.forEach(path -> publicPort.route(path, ManagementListener::notOnThisPort));
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
