package dev.mayfly.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * GET PATH/: a browser page's static files (HTML, CSS, JavaScript modules) from the classpath, and nothing else. The
 * pages hold no data and no secret; they call the service's APIs, signed in the browser. A strict
 * Content-Security-Policy allows only this origin's scripts and calls, and no framing.
 */
public class StaticPages implements HttpHandler {

    private static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                    + "img-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-cache");

    private final String path;
    private final String resourceDirectory;
    private final Map<String, String> contentTypes;

    /**
     * @param path              where the pages are served (PATH/ is index.html)
     * @param resourceDirectory the classpath directory that holds them, such as {@code /console/}
     * @param contentTypes      the only files served, with their content types
     */
    protected StaticPages(String path, String resourceDirectory, Map<String, String> contentTypes) {
        this.path = path;
        this.resourceDirectory = resourceDirectory;
        this.contentTypes = Map.copyOf(contentTypes);
    }

    @Override
    public final void handle(HttpExchange exchange) throws IOException {
        String requested = exchange.getRequestURI().getPath();
        if (requested.equals(path)) {
            exchange.getResponseHeaders().add("Location", path + "/");
            HttpExchanges.send(exchange, 301, "text/plain; charset=utf-8", new byte[0]);
            return;
        }
        if (!exchange.getRequestMethod().equals("GET")) {
            HttpExchanges.send(exchange, 405, "text/plain; charset=utf-8", "Only GET.".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String name = requested.startsWith(path + "/") ? requested.substring(path.length() + 1) : null;
        name = "".equals(name) ? "index.html" : name;
        String contentType = name == null ? null : contentTypes.get(name);
        if (contentType == null) {
            HttpExchanges.send(exchange, 404, "text/plain; charset=utf-8", "Not found.".getBytes(StandardCharsets.UTF_8));
            return;
        }
        try (InputStream file = getClass().getResourceAsStream(resourceDirectory + name)) {
            HttpExchanges.send(exchange, 200, contentType, file.readAllBytes(), HEADERS);
        }
    }
}
