package dev.mayfly.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256 keys by key id. The newest key seals; every key still in the ring opens, so a rotation never
 * cuts off what older keys sealed: for session tokens, drop an old key only once the sessions it sealed
 * have expired (at most 36 hours after rotation); for secrets at rest, once they have been re-sealed.
 *
 * <p>File form, one key a line, oldest first: {@code keyId:base64(32 bytes)}.
 */
public final class KeyRing {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, SecretKey> keys;
    private final String currentKeyId;

    private KeyRing(Map<String, SecretKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a key ring needs at least one key");
        }
        this.keys = Map.copyOf(keys);
        this.currentKeyId = keys.keySet().stream().reduce((first, second) -> second).orElseThrow();
    }

    public static KeyRing parse(String text) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("key ring lines read keyId:base64key");
            }
            byte[] key = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            if (key.length != 32) {
                throw new IllegalArgumentException("key " + trimmed.substring(0, colon) + " is not 256 bits");
            }
            keys.put(trimmed.substring(0, colon), new SecretKeySpec(key, "AES"));
        }
        return new KeyRing(keys);
    }

    /** Reads the ring from a file, creating it with one fresh key (readable by its owner only) if it is missing. */
    public static KeyRing loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            createOwnerOnly(file);
            Files.writeString(file, newKeyLine("k" + System.currentTimeMillis()), StandardCharsets.UTF_8);
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Appends a fresh key that becomes the sealing key; existing keys keep opening their tokens. */
    public static void rotate(Path file) throws IOException {
        Files.writeString(file, newKeyLine("k" + System.currentTimeMillis()), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** A fresh random key in the ring's line format: for a key file's rotation, or an in-memory ring. */
    public static String newKeyLine(String keyId) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return keyId + ":" + Base64.getEncoder().encodeToString(key) + "\n";
    }

    /** Owner-only from the moment the file exists: keys are never readable by others, not even briefly. */
    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing finer to set
            Files.createFile(file);
        }
    }

    String currentKeyId() {
        return currentKeyId;
    }

    SecretKey currentKey() {
        return keys.get(currentKeyId);
    }

    Optional<SecretKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }
}
