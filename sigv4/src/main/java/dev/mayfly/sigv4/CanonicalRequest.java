package dev.mayfly.sigv4;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the SigV4 canonical request and string to sign from a request and the signature's claims. */
public final class CanonicalRequest {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String SIGNATURE_PARAMETER = "X-Amz-Signature";
    private static final String SECURITY_TOKEN_PARAMETER = "X-Amz-Security-Token";

    private CanonicalRequest() {
    }

    /**
     * @param normalizePath true for every AWS service but S3: dot segments and repeated slashes are removed
     *                      before the path is encoded
     */
    public static String of(SignedRequest request, SignatureParts parts, boolean normalizePath) {
        return of(request, parts, normalizePath, false);
    }

    /**
     * @param tokenAddedAfterSigning for presigned requests whose client appended X-Amz-Security-Token after
     *                               signing (some SDKs do for STS); the token is then not part of the canonical query
     */
    static String of(SignedRequest request, SignatureParts parts, boolean normalizePath, boolean tokenAddedAfterSigning) {
        return request.method() + '\n'
                + canonicalPath(request.path(), normalizePath) + '\n'
                + canonicalQuery(request.rawQuery(), parts.presigned(), tokenAddedAfterSigning) + '\n'
                + canonicalHeaders(request.headers(), parts.signedHeaders()) + '\n'
                + String.join(";", parts.signedHeaders()) + '\n'
                + payloadHash(request);
    }

    public static String stringToSign(String canonicalRequest, SignatureParts parts) {
        return ALGORITHM + '\n' + parts.amzDate() + '\n' + parts.scope().scope() + '\n'
                + SigningKeys.sha256Hex(canonicalRequest.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static String canonicalPath(String path, boolean normalize) {
        return UriEncoding.encode(normalize ? removeDotSegments(path) : path, true);
    }

    private static String removeDotSegments(String path) {
        List<String> kept = new ArrayList<>();
        String[] segments = path.split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!kept.isEmpty()) {
                    kept.remove(kept.size() - 1);
                }
            } else {
                kept.add(segment);
            }
        }
        String last = segments[segments.length - 1];
        boolean trailingSlash = last.isEmpty() || last.equals(".") || last.equals("..");
        String joined = "/" + String.join("/", kept);
        return trailingSlash && !kept.isEmpty() ? joined + "/" : joined;
    }

    private static String canonicalQuery(String rawQuery, boolean presigned, boolean withoutToken) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String piece : rawQuery.split("&")) {
            if (piece.isEmpty()) {
                continue;
            }
            int eq = piece.indexOf('=');
            String name = UriEncoding.decode(eq < 0 ? piece : piece.substring(0, eq));
            String value = eq < 0 ? "" : UriEncoding.decode(piece.substring(eq + 1));
            if (presigned && (name.equals(SIGNATURE_PARAMETER) || (withoutToken && name.equals(SECURITY_TOKEN_PARAMETER)))) {
                continue;
            }
            pairs.add(Map.entry(UriEncoding.encode(name, false), UriEncoding.encode(value, false)));
        }
        pairs.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> pair : pairs) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(pair.getKey()).append('=').append(pair.getValue());
        }
        return out.toString();
    }

    /** Sequential white space as one space, as SigV4 canonicalizes header values; a value without any is returned as it is. */
    static String collapseWhitespace(String value) {
        if (!hasWhitespaceToCollapse(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        boolean previousSpace = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isSpace(c)) {
                if (!previousSpace) {
                    out.append(' ');
                }
                previousSpace = true;
            } else {
                out.append(c);
                previousSpace = false;
            }
        }
        return out.toString();
    }

    /** Whether any white space but single spaces is there: a few vectorized scans, cheap even for a long session token. */
    private static boolean hasWhitespaceToCollapse(String value) {
        return value.indexOf('\t') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\u000B') >= 0
                || value.indexOf('\f') >= 0 || value.contains("  ");
    }

    /** White space as the regular expression \s means it. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static String canonicalHeaders(RequestHeaders headers, List<String> signedHeaders) {
        StringBuilder out = new StringBuilder();
        for (String name : signedHeaders) {
            List<String> values = new ArrayList<>();
            for (String value : headers.all(name)) {
                values.add(collapseWhitespace(value.strip()));
            }
            out.append(name).append(':').append(String.join(",", values)).append('\n');
        }
        return out.toString();
    }

    /**
     * Always the hash of the body that arrived, never the one the client declared in x-amz-content-sha256:
     * a declared hash (or UNSIGNED-PAYLOAD, which only S3 accepts) that does not match the body then fails
     * the comparison instead of letting a changed body through.
     */
    private static String payloadHash(SignedRequest request) {
        return SigningKeys.sha256Hex(request.body());
    }
}
