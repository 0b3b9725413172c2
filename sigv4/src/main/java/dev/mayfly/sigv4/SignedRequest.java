package dev.mayfly.sigv4;

import java.util.Objects;

/**
 * An HTTP request as the signer saw it.
 *
 * @param method   the HTTP method
 * @param path     the path exactly as it travelled on the request line (still percent-encoded)
 * @param rawQuery the query string as it travelled, without '?', or empty
 * @param headers  the request headers
 * @param body     the request body (empty array when there is none)
 */
public record SignedRequest(String method, String path, String rawQuery, RequestHeaders headers, byte[] body) {
    public SignedRequest {
        Objects.requireNonNull(method, "method");
        path = path == null || path.isEmpty() ? "/" : path;
        rawQuery = rawQuery == null ? "" : rawQuery;
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
    }
}
