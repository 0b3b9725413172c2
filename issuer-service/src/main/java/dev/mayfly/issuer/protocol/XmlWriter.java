package dev.mayfly.issuer.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;

/** Writes the small, regular XML documents of the Query protocol, escaping every text value. */
public final class XmlWriter {

    private final StringBuilder out = new StringBuilder(1024);
    private final Deque<String> open = new ArrayDeque<>();

    public XmlWriter start(String name) {
        out.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    public XmlWriter start(String name, String namespace) {
        out.append('<').append(name).append(" xmlns=\"").append(escape(namespace)).append("\">");
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
            out.append('<').append(name).append('>').append(escape(value instanceof Instant instant ? timestamp(instant)
                    : value.toString())).append("</").append(name).append('>');
        }
        return this;
    }

    /** Text inside the element that is open (a list member that is a plain string). */
    public XmlWriter text(String value) {
        out.append(escape(value));
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

    static String escape(String text) {
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                case '\r' -> "&#xD;";
                default -> c < 0x20 && c != '\n' && c != '\t' ? "" : null;
            };
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped != null) {
                escaped.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        return escaped == null ? text : escaped.toString();
    }
}
