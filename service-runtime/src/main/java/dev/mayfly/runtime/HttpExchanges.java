package dev.mayfly.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Small helpers over {@link HttpExchange}: bounded body reads, responses, the caller's address. */
public final class HttpExchanges {

    private static final String ORIGIN = HttpExchanges.class.getName() + ".origin";

    private HttpExchanges() {
    }

    /**
     * Reads the body, refusing more than {@code limit} bytes without reading past the limit. A body sent too slowly needs no
     * deadline here: the server closes the connection at its request time limit ({@link HttpService}), and the read fails.
     */
    public static byte[] readBody(HttpExchange exchange, int limit) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > limit) {
                    throw tooLarge(limit);
                }
            } catch (NumberFormatException e) {
                throw new AwsServiceException("InvalidRequest", "Content-Length is not a number.", 400);
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw tooLarge(limit);
            }
            return body;
        }
    }

    private static AwsServiceException tooLarge(int limit) {
        return new AwsServiceException("RequestEntityTooLarge", "Request body larger than " + limit + " bytes.", 413);
    }

    public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    public static void send(HttpExchange exchange, int status, String contentType, byte[] body, Map<String, String> headers) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        send(exchange, status, contentType, body);
    }

    static void trySendInternalError(HttpExchange exchange) {
        try {
            send(exchange, 500, "text/plain", "Internal error\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException ignored) {
            // the response may already have started; the connection is closed either way
        }
    }

    /**
     * Whether the request came over TLS: what aws:SecureTransport says. Over this connection; or, for a request a trusted
     * proxy terminated TLS for, over the client's connection to that proxy as the proxy says ({@link TrustedProxies}).
     */
    public static boolean secureTransport(HttpExchange exchange) {
        return exchange.getAttribute(ORIGIN) instanceof TrustedProxies.Origin origin ? origin.secure() : exchange instanceof HttpsExchange;
    }

    /** The caller's IP address as CloudTrail records it: the connection's, or what trusted proxies forwarded the request for. */
    public static String sourceIp(HttpExchange exchange) {
        return exchange.getAttribute(ORIGIN) instanceof TrustedProxies.Origin origin ? origin.address().getHostAddress()
                : exchange.getRemoteAddress().getAddress().getHostAddress();
    }

    /** Where the request came from, and over what, as the server decided it ({@link TrustedProxies}). */
    static void setOrigin(HttpExchange exchange, TrustedProxies.Origin origin) {
        exchange.setAttribute(ORIGIN, origin);
    }
}
