package dev.mayfly.runtime.tracing;

import java.util.Optional;

/**
 * The trace id of a W3C Trace Context traceparent header (https://www.w3.org/TR/trace-context/#traceparent-header):
 * {@code version-traceid-parentid-flags}, each lowercase hex. A header that does not parse as the recommendation says
 * is ignored, as the recommendation asks, so that a caller cannot put anything but 32 hex digits into a record.
 */
public final class TraceParent {

    public static final String HEADER = "traceparent";
    private static final String INVALID_TRACE_ID = "0".repeat(32);
    private static final String INVALID_PARENT_ID = "0".repeat(16);
    /** version (2) - trace id (32) - parent id (16) - flags (2) */
    private static final int LENGTH = 55;

    private TraceParent() {
    }

    /** The trace id the header carries; empty for a missing or invalid header. */
    public static Optional<String> traceId(String header) {
        if (header == null || header.length() < LENGTH) {
            return Optional.empty();
        }
        String version = header.substring(0, 2);
        // version 00 is exactly 55 characters; a later version may append fields after a dash; ff is invalid
        boolean lengthFits = version.equals("00") ? header.length() == LENGTH : header.length() == LENGTH || header.charAt(LENGTH) == '-';
        if (!lengthFits || version.equals("ff") || !hex(version) || header.charAt(2) != '-' || header.charAt(35) != '-'
                || header.charAt(52) != '-') {
            return Optional.empty();
        }
        String traceId = header.substring(3, 35);
        String parentId = header.substring(36, 52);
        if (!hex(traceId) || !hex(parentId) || !hex(header.substring(53, 55)) || traceId.equals(INVALID_TRACE_ID)
                || parentId.equals(INVALID_PARENT_ID)) {
            return Optional.empty();
        }
        return Optional.of(traceId);
    }

    private static boolean hex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
