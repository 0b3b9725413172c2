package dev.mayfly.token;

import dev.mayfly.privatefiles.KeyFileRotation;
import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.signing.KeyLines;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
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
        this.keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        this.currentKeyId = keys.keySet().stream().reduce((first, second) -> second).orElseThrow();
    }

    public static KeyRing parse(String text) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        KeyLines.parse(text, 32, "AES-256").forEach((id, key) -> keys.put(id, new SecretKeySpec(key, "AES")));
        return new KeyRing(keys);
    }

    /**
     * Reads the ring from a file, creating it with one fresh key (readable by its owner only) if it is missing.
     *
     * @throws dev.mayfly.privatefiles.ExposedSecretFileException when its group or others may access the file
     */
    public static KeyRing loadOrCreate(Path file) throws IOException {
        PrivateFiles.createIfAbsent(file, newKeyLine("k" + System.currentTimeMillis()));
        return load(file);
    }

    /**
     * Reads the ring from an existing file.
     *
     * @throws dev.mayfly.privatefiles.ExposedSecretFileException when its group or others may access the file
     */
    public static KeyRing load(Path file) throws IOException {
        return parse(PrivateFiles.read(file));
    }

    /** The longest a session lives (GetSessionToken's 36 hours): how long a retired key must keep opening tokens. */
    public static final Duration LONGEST_SESSION = Duration.ofHours(36);

    /**
     * Adds a fresh key that becomes the sealing key, and drops the keys that can no longer open a live token:
     * those whose successor became current more than {@link #LONGEST_SESSION} ago. Key ids carry the time they
     * were made ({@code k<epoch millis>}); a key whose successor's id does not say when it was made is kept.
     *
     * @return the ring as the file now holds it
     */
    public static KeyRing rotate(Path file, Instant now) throws IOException {
        return parse(KeyFileRotation.rotate(file, now, newKeyLine("k" + now.toEpochMilli()), LONGEST_SESSION));
    }

    /** The key ids, oldest first; the last one seals. */
    public List<String> keyIds() {
        return List.copyOf(keys.keySet());
    }

    /** A fresh random key in the ring's line format: for a key file's rotation, or an in-memory ring. */
    public static String newKeyLine(String keyId) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return keyId + ":" + Base64.getEncoder().encodeToString(key) + "\n";
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    Optional<SecretKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }
}
