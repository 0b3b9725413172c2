package dev.mayfly.signing;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The line form both rings share: {@code keyId:base64(key)}, one a line, blank lines and # comments skipped. */
final class KeyLines {

    private KeyLines() {
    }

    static Map<String, byte[]> parse(String text, int keyBytes, String kind) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("Ed25519 key lines read keyId:base64key");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the " + kind + " key " + trimmed.substring(0, colon) + " is not base64");
            }
            if (key.length != keyBytes) {
                throw new IllegalArgumentException("the " + kind + " key " + trimmed.substring(0, colon) + " is not an Ed25519 key");
            }
            keys.put(trimmed.substring(0, colon), key);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no Ed25519 " + kind + " key in the ring");
        }
        return keys;
    }
}
