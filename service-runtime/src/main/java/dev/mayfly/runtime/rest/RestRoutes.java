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
    /** Each route's template split once: its segments, and for each the label it stands for (null where literal). */
    private final List<Template> templates;

    private RestRoutes(List<Route> routes) {
        this.routes = routes;
        this.templates = routes.stream().map(Template::of).toList();
    }

    public static RestRoutes of(Route... routes) {
        return new RestRoutes(List.of(routes));
    }

    /** Every operation, in the order they are matched: what the API's service model must describe. */
    public List<Route> routes() {
        return routes;
    }

    private record Template(Route route, List<String> segments, List<String> labels) {

        static Template of(Route route) {
            List<String> segments = route.segments();
            return new Template(route, segments, segments.stream().map(Route::labelOf).toList());
        }
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
        for (Template template : templates) {
            if (template.route().method().equals(method)) {
                Optional<Map<String, String>> labels = labels(template, segments);
                if (labels.isPresent()) {
                    return Optional.of(new Match(template.route().operation(), labels.get()));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Map<String, String>> labels(Template template, String[] segments) {
        if (template.segments().size() != segments.length) {
            return Optional.empty();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < segments.length; i++) {
            String label = template.labels().get(i);
            if (label != null) {
                labels.put(label, segments[i]);
            } else if (!template.segments().get(i).equals(segments[i])) {
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
