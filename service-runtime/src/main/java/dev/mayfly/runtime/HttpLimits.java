package dev.mayfly.runtime;

/**
 * How much a client may ask of an {@link HttpService} before it is refused: see there for what each limit does.
 *
 * @param requestSeconds       time allowed to send a request, from its first byte to the last of its body
 * @param maxConnections       open connections, idle keep-alive ones included, per server
 * @param maxHeaders           header names per request
 * @param maxHeaderBytes       request line and headers, in bytes (names, values and 32 per header line)
 * @param maxRequestsPerSource requests from one IP address being served at once
 */
public record HttpLimits(int requestSeconds, int maxConnections, int maxHeaders, int maxHeaderBytes, int maxRequestsPerSource) {

    public static final HttpLimits DEFAULTS = new HttpLimits(10, 10_000, 100, 16 * 1024, 256);

    public HttpLimits {
        if (requestSeconds < 1 || maxConnections < 1 || maxHeaders < 1 || maxHeaderBytes < 1 || maxRequestsPerSource < 1) {
            throw new IllegalArgumentException("HTTP limits must be at least 1: " + this);
        }
    }

    /**
     * From MAYFLY_HTTP_REQUEST_SECONDS, MAYFLY_HTTP_MAX_CONNECTIONS, MAYFLY_HTTP_MAX_HEADERS, MAYFLY_HTTP_MAX_HEADER_BYTES and
     * MAYFLY_HTTP_MAX_REQUESTS_PER_SOURCE, each defaulting to {@link #DEFAULTS}.
     */
    public static HttpLimits from(Settings settings) {
        return new HttpLimits(
                settings.integer("MAYFLY_HTTP_REQUEST_SECONDS", DEFAULTS.requestSeconds()),
                settings.integer("MAYFLY_HTTP_MAX_CONNECTIONS", DEFAULTS.maxConnections()),
                settings.integer("MAYFLY_HTTP_MAX_HEADERS", DEFAULTS.maxHeaders()),
                settings.integer("MAYFLY_HTTP_MAX_HEADER_BYTES", DEFAULTS.maxHeaderBytes()),
                settings.integer("MAYFLY_HTTP_MAX_REQUESTS_PER_SOURCE", DEFAULTS.maxRequestsPerSource()));
    }
}
