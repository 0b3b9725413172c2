package dev.mayfly.issuer.analyzer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mayfly.runtime.HttpExchanges;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * GET /mayfly/access-analyzer/: a page that shows the account's Access Analyzer findings (and archives them), from this
 * issuer's own origin, so that it calls the Access Analyzer API with no cross-origin request: the audit console's
 * Content-Security-Policy allows only its own origin, and the issuer is another. The page holds no data and no secret;
 * its calls are signed in the browser with the user's key (the audit console's signer and style, shared at build time).
 */
public final class FindingsViewEndpoint implements HttpHandler {

    public static final String PATH = "/mayfly/access-analyzer";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "findings.js", "text/javascript; charset=utf-8",
            "sigv4.js", "text/javascript; charset=utf-8",
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
        String name = path.startsWith(PATH + "/") ? path.substring(PATH.length() + 1) : null;
        name = "".equals(name) ? "index.html" : name;
        String contentType = name == null ? null : FILES.get(name);
        if (contentType == null) {
            HttpExchanges.send(exchange, 404, "text/plain; charset=utf-8", "Not found.".getBytes(StandardCharsets.UTF_8));
            return;
        }
        try (InputStream file = FindingsViewEndpoint.class.getResourceAsStream("/access-analyzer-console/" + name)) {
            HttpExchanges.send(exchange, 200, contentType, file.readAllBytes(), HEADERS);
        }
    }
}
