package dev.mayfly.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The RFC 3986 percent-encoding SigV4 prescribes: everything but A-Z a-z 0-9 - _ . ~ is encoded, in upper-case hex. */
final class UriEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {
    }

    static String encode(String value, boolean keepSlash) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isUnreserved(c) || (keepSlash && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** Decodes %XX escapes only; '+' stays '+', as SigV4 clients never use it for a space in a query. */
    static String decode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int hi;
            int lo;
            if (bytes[i] == '%' && i + 2 < bytes.length && (hi = Character.digit(bytes[i + 1], 16)) >= 0
                    && (lo = Character.digit(bytes[i + 2], 16)) >= 0) {
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }
}
