package dev.mayfly.runtime.rest;

import com.sun.net.httpserver.HttpExchange;
import dev.mayfly.runtime.AwsServiceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An API's operations, matched on a request's method and decoded path. The first route whose method and every
 * segment match wins; literal segments match exactly, so {@code POST /workloads/{Name}/token} and
 * {@code DELETE /workloads/{Name}} never shadow each other.
 */
public final class RestRoutes {

    private final List<Route> routes;

    private RestRoutes(List<Route> routes) {
        this.routes = routes;
    }

    public static RestRoutes of(Route... routes) {
        return new RestRoutes(List.of(routes));
    }

    /** Every operation, in the order they are matched: what the API's service model must describe. */
    public List<Route> routes() {
        return routes;
    }

    /**
     * The operation a request calls, as AWS's REST JSON services answer a call of none: {@code 404
     * UnknownOperationException}.
     */
    public Match operationOf(HttpExchange exchange) {
        return match(exchange.getRequestMethod(), exchange.getRequestURI().getPath()).orElseThrow(() ->
                new AwsServiceException("UnknownOperationException", "This service has no operation at this method and path.", 404));
    }

    /** The operation at this method and path, and the values of its labels; empty when there is none. */
    public Optional<Match> match(String method, String path) {
        if (!path.startsWith("/")) {
            return Optional.empty();
        }
        String[] segments = path.substring(1).split("/", -1);
        for (Route route : routes) {
            if (route.method().equals(method)) {
                Optional<Map<String, String>> labels = labels(route.segments(), segments);
                if (labels.isPresent()) {
                    return Optional.of(new Match(route.operation(), labels.get()));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Map<String, String>> labels(List<String> template, String[] segments) {
        if (template.size() != segments.length) {
            return Optional.empty();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < segments.length; i++) {
            String expected = template.get(i);
            if (Route.isLabel(expected)) {
                labels.put(expected.substring(1, expected.length() - 1), segments[i]);
            } else if (!expected.equals(segments[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(labels);
    }

    /**
     * A request's operation.
     *
     * @param operation its name
     * @param labels    the path's values of the route's labels, by label
     */
    public record Match(String operation, Map<String, String> labels) {

        /** A label's value: the route has it, or it would not have matched. */
        public String label(String name) {
            String value = labels.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no label " + name + " in this route");
            }
            return value;
        }
    }
}
