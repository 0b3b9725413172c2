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
     * The canonical request as text (what the SigV4 test suite shows); {@link #stringToSign(SignedRequest, SignatureParts,
     * boolean, boolean)} hashes the same bytes without making them a string.
     *
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
        return CanonicalBytes.with(out -> {
            write(out, request, parts, normalizePath, tokenAddedAfterSigning);
            return out.text();
        });
    }

    /** The string to sign of a request, its canonical request hashed straight from the buffer it was written into. */
    static String stringToSign(SignedRequest request, SignatureParts parts, boolean normalizePath, boolean tokenAddedAfterSigning) {
        String hash = CanonicalBytes.with(out -> {
            write(out, request, parts, normalizePath, tokenAddedAfterSigning);
            return out.sha256Hex();
        });
        return stringToSignOfHash(hash, parts);
    }

    public static String stringToSign(String canonicalRequest, SignatureParts parts) {
        return stringToSignOfHash(SigningKeys.sha256Hex(canonicalRequest.getBytes(java.nio.charset.StandardCharsets.UTF_8)), parts);
    }

    private static String stringToSignOfHash(String canonicalRequestHash, SignatureParts parts) {
        return ALGORITHM + '\n' + parts.amzDate() + '\n' + parts.scope().scope() + '\n' + canonicalRequestHash;
    }

    private static void write(CanonicalBytes out, SignedRequest request, SignatureParts parts, boolean normalizePath,
                              boolean tokenAddedAfterSigning) {
        out.append(request.method()).append('\n')
                .append(canonicalPath(request.path(), normalizePath)).append('\n')
                .append(canonicalQuery(request.rawQuery(), parts.presigned(), tokenAddedAfterSigning)).append('\n');
        canonicalHeaders(out, request.headers(), parts.signedHeaders());
        out.append('\n');
        for (int i = 0; i < parts.signedHeaders().size(); i++) {
            if (i > 0) {
                out.append(';');
            }
            out.append(parts.signedHeaders().get(i));
        }
        out.append('\n').append(payloadHash(request));
    }

    static String canonicalPath(String path, boolean normalize) {
        if (isCanonicalAlready(path)) {
            return path;
        }
        return UriEncoding.encode(normalize ? removeDotSegments(path) : path, true);
    }

    /**
     * Whether a path is its own canonical form, normalized or not: absolute, only unreserved characters and slashes, no
     * empty segment but a trailing one, no "." or ".." segment. Most paths are; they then need no split, join or encoding.
     */
    private static boolean isCanonicalAlready(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        int segmentStart = 1;
        for (int i = 1; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                int segmentLength = i - segmentStart;
                boolean last = i == path.length();
                if (segmentLength == 0 && !last) {
                    return false;
                }
                if (segmentLength == 1 && path.charAt(segmentStart) == '.'
                        || segmentLength == 2 && path.charAt(segmentStart) == '.' && path.charAt(segmentStart + 1) == '.') {
                    return false;
                }
                segmentStart = i + 1;
            } else if (!UriEncoding.isUnreserved(path.charAt(i))) {
                return false;
            }
        }
        return true;
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
        if (rawQuery.isEmpty()) {
            return "";
        }
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

    private static void canonicalHeaders(CanonicalBytes out, RequestHeaders headers, List<String> signedHeaders) {
        for (String name : signedHeaders) {
            out.append(name).append(':');
            List<String> values = headers.all(name);
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(collapseWhitespace(values.get(i).strip()));
            }
            out.append('\n');
        }
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
