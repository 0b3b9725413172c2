package dev.mayfly.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A canonical request's UTF-8 bytes, written piece by piece into one buffer that is reused from request to request (a
 * pool of them, as for the digests), and hashed from there. Building the text first and encoding it afterwards copied
 * a request's ~1.5 KB session token some six times (joined, grown into a builder, made a string, concatenated, encoded)
 * on every request a verifier or the issuer checks.
 */
final class CanonicalBytes {

    private static final int INITIAL_CAPACITY = 4096;
    /** A buffer that an unusually large request grew past this is not kept for the next request. */
    private static final int MAX_KEPT_CAPACITY = 64 * 1024;
    /** Shorter text is copied char by char; longer text is encoded by the JDK's vectorized encoder, then copied. */
    private static final int SHORT_TEXT = 64;
    private static final InstancePool<CanonicalBytes> POOL = new InstancePool<>(CanonicalBytes::new, 64);

    private byte[] bytes = new byte[INITIAL_CAPACITY];
    private int length;

    private CanonicalBytes() {
    }

    /** Lends an empty buffer to {@code use}, which nobody else writes meanwhile. */
    static <R> R with(Function<CanonicalBytes, R> use) {
        return POOL.<R, RuntimeException>apply(buffer -> {
            buffer.clear();
            return use.apply(buffer);
        });
    }

    /** Appends an ASCII character (the separators of a canonical request). */
    CanonicalBytes append(char ascii) {
        ensureRoom(1);
        bytes[length++] = (byte) ascii;
        return this;
    }

    /** Appends text as UTF-8. */
    CanonicalBytes append(String text) {
        int n = text.length();
        if (n > SHORT_TEXT) {
            return append(text.getBytes(StandardCharsets.UTF_8));
        }
        ensureRoom(n);
        int start = length;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                length = start;
                return append(text.getBytes(StandardCharsets.UTF_8));
            }
            bytes[length++] = (byte) c;
        }
        return this;
    }

    private CanonicalBytes append(byte[] encoded) {
        ensureRoom(encoded.length);
        System.arraycopy(encoded, 0, bytes, length, encoded.length);
        length += encoded.length;
        return this;
    }

    /** The hex SHA-256 of what was written. */
    String sha256Hex() {
        return SigningKeys.sha256Hex(bytes, 0, length);
    }

    /** What was written, as text. */
    String text() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private void clear() {
        if (bytes.length > MAX_KEPT_CAPACITY) {
            bytes = new byte[INITIAL_CAPACITY];
        }
        length = 0;
    }

    private void ensureRoom(int more) {
        if (bytes.length - length < more) {
            bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
