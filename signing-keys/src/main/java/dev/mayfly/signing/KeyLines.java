package dev.mayfly.signing;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The line form Mayfly's key files share (these rings, and the AES rings of session tokens and the vault):
 * {@code keyId:base64(key)}, one a line, oldest first, blank lines and # comments skipped.
 */
public final class KeyLines {

    private KeyLines() {
    }

    /**
     * The keys by id, in the file's order.
     *
     * @param kind what the keys are, for messages ("Ed25519 public", "AES-256")
     * @throws IllegalArgumentException when a line is not an id and a base64 key of {@code keyBytes} bytes, or there is none
     */
    public static Map<String, byte[]> parse(String text, int keyBytes, String kind) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("key lines read keyId:base64key");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the " + kind + " key " + trimmed.substring(0, colon) + " is not base64");
            }
            if (key.length != keyBytes) {
                throw new IllegalArgumentException("the " + kind + " key " + trimmed.substring(0, colon) + " is not " + keyBytes + " bytes");
            }
            keys.put(trimmed.substring(0, colon), key);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no " + kind + " key in the ring");
        }
        return keys;
    }
}
