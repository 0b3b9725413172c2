package dev.mayfly.runtime.authz;

import java.util.List;
import java.util.Map;

/**
 * A signed request, and what its sender wants to do.
 *
 * @param method     HTTP method
 * @param path       raw path
 * @param rawQuery   raw query string, or empty
 * @param headers    every header, by name
 * @param body       the body, base64
 * @param service    the service name the signature must be scoped to, for example "cloudtrail"
 * @param action     the IAM action, for example "cloudtrail:LookupEvents"
 * @param resource   the resource ARN, or "*"
 * @param sourceIp   the caller's address as the asking service saw it (never taken from a forwarded header,
 *                   which the caller controls)
 * @param secureTransport whether the request reached the asking service over TLS: aws:SecureTransport (absent, from an
 *                   asking service older than this field: false, the value that no Bool true condition matches)
 */
public record AuthorizationRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
                                   String body, String service, String action, String resource, String sourceIp,
                                   boolean secureTransport) {
}
