package dev.mayfly.issuer.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;

/** Writes the small, regular XML documents of the Query protocol, escaping every text value. */
public final class XmlWriter {

    /** Room for an AssumeRole answer (its session token alone is about 1,000 characters) without growing. */
    private final StringBuilder out = new StringBuilder(2048);
    private final Deque<String> open = new ArrayDeque<>();

    public XmlWriter start(String name) {
        out.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    public XmlWriter start(String name, String namespace) {
        out.append('<').append(name).append(" xmlns=\"");
        appendEscaped(namespace);
        out.append("\">");
        open.push(name);
        return this;
    }

    public XmlWriter end() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** An element with text; nothing when the value is null (absent members are omitted, as AWS does). */
    public XmlWriter element(String name, Object value) {
        if (value != null) {
            out.append('<').append(name).append('>');
            appendEscaped(value instanceof Instant instant ? timestamp(instant) : value.toString());
            out.append("</").append(name).append('>');
        }
        return this;
    }

    /** Text inside the element that is open (a list member that is a plain string). */
    public XmlWriter text(String value) {
        appendEscaped(value);
        return this;
    }

    /** AWS's ISO-8601 timestamps, to the second. */
    public static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public byte[] toBytes() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed element " + open.peek());
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends the text escaped, in one copy: most values (ids, ARNs, tokens) have nothing to escape. */
    private void appendEscaped(String text) {
        int first = firstToEscape(text);
        if (first < 0) {
            out.append(text);
            return;
        }
        out.append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement == null) {
                out.append(c);
            } else {
                out.append(replacement);
            }
        }
    }

    /**
     * The characters below 64 that {@link #replacement} replaces, one bit each: markup, and the control characters but
     * newline and tab. A mask test per character keeps the scan of long values (session tokens) branch-light.
     */
    private static final long TO_ESCAPE = 0xFFFF_FFFFL & ~(1L << '\n' | 1L << '\t')
            | 1L << '<' | 1L << '>' | 1L << '&' | 1L << '"' | 1L << '\'';

    private static int firstToEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 64 && (TO_ESCAPE & 1L << c) != 0) {
                return i;
            }
        }
        return -1;
    }

    /** What stands for the character in XML text or an attribute; null for itself, "" for a control character XML cannot hold. */
    private static String replacement(char c) {
        if (c > '>') {
            return null;
        }
        return switch (c) {
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '&' -> "&amp;";
            case '"' -> "&quot;";
            case '\'' -> "&apos;";
            case '\r' -> "&#xD;";
            default -> c < 0x20 && c != '\n' && c != '\t' ? "" : null;
        };
    }
}
