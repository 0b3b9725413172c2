package dev.mayfly.audit.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mayfly.runtime.HttpExchanges;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * GET /console/: the web console's static files (HTML, CSS, JavaScript modules), from the classpath. The pages hold
 * no data and no secret; they call the JSON API, signed in the browser. A strict Content-Security-Policy allows only
 * this origin's scripts and calls, and no framing.
 */
public final class ConsoleEndpoint implements HttpHandler {

    public static final String PATH = "/console";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "sigv4.js", "text/javascript; charset=utf-8",
            "chart.js", "text/javascript; charset=utf-8",
            "export.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8");
    private static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                    + "img-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-cache");

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals(PATH)) {
            exchange.getResponseHeaders().add("Location", PATH + "/");
            HttpExchanges.send(exchange, 301, "text/plain; charset=utf-8", new byte[0]);
            return;
        }
        if (!exchange.getRequestMethod().equals("GET")) {
            HttpExchanges.send(exchange, 405, "text/plain; charset=utf-8", "Only GET.".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String name = path.substring(PATH.length() + 1);
        name = name.isEmpty() ? "index.html" : name;
        String contentType = FILES.get(name);
        if (contentType == null) {
            HttpExchanges.send(exchange, 404, "text/plain; charset=utf-8", "Not found.".getBytes(StandardCharsets.UTF_8));
            return;
        }
        try (InputStream file = ConsoleEndpoint.class.getResourceAsStream("/console/" + name)) {
            HttpExchanges.send(exchange, 200, contentType, file.readAllBytes(), HEADERS);
        }
    }
}
