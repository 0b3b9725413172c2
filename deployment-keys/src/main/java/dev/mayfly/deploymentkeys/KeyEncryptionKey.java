package dev.mayfly.deploymentkeys;

import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.token.Aead;
import dev.mayfly.token.KeyRing;
import dev.mayfly.token.TokenException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The operator's key-encryption key (KEK): 32 random bytes, base64, that seal and open the deployment's key rings on
 * mayfly.keys. It is the one secret every process is given from outside (a file or the environment), so that Kafka,
 * which every process reaches anyway, holds the rings without being able to read them.
 *
 * <p>Its id ({@code kek-} and the first 8 hex digits of the key's SHA-256) is inside every sealed ring, so that a process
 * given another KEK than the one that sealed a ring can say so; the id reveals nothing of the key.
 */
public final class KeyEncryptionKey {

    private static final int KEY_BYTES = 32;
    private static final String SECRET_CONTEXT = "mayfly-secret:";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Aead aead;
    private final String id;

    private KeyEncryptionKey(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a key-encryption key is " + KEY_BYTES + " random bytes, base64-encoded; this one is "
                    + key.length + " bytes");
        }
        this.id = "kek-" + HexFormat.of().formatHex(sha256(key), 0, 4);
        this.aead = new Aead(KeyRing.parse(id + ":" + Base64.getEncoder().encodeToString(key)));
    }

    /**
     * The key from its base64 text (a file's content or an environment variable's value).
     *
     * @throws IllegalArgumentException when the text is not base64 of 32 bytes; the message never holds the text
     */
    public static KeyEncryptionKey parse(String base64) {
        try {
            return new KeyEncryptionKey(Base64.getDecoder().decode(base64.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() != null && e.getMessage().startsWith("a key-encryption key")
                    ? e.getMessage() : "a key-encryption key is 32 random bytes, base64-encoded; this one is not base64");
        }
    }

    /**
     * Reads the key from an owner-only file.
     *
     * @throws dev.mayfly.privatefiles.ExposedSecretFileException when its group or others may access the file
     */
    public static KeyEncryptionKey load(Path file) throws IOException {
        try {
            return parse(PrivateFiles.read(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    /**
     * Writes a fresh key to the file (owner-only, whole) unless the file exists.
     *
     * @return whether this call made the key
     */
    public static boolean createIfAbsent(Path file) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return PrivateFiles.createIfAbsent(file, Base64.getEncoder().encodeToString(key) + "\n");
    }

    /**
     * Seals a secret a service keeps at rest outside the rings (a detection webhook's HMAC key in Elasticsearch), bound
     * to its context: it opens only under the same context, and never as a ring.
     */
    public byte[] sealSecret(String context, byte[] plaintext) {
        return aead.seal(plaintext, SECRET_CONTEXT + context);
    }

    /** @throws TokenException when the bytes were sealed under another key or context, or changed */
    public byte[] openSecret(String context, byte[] sealed) {
        return aead.open(sealed, SECRET_CONTEXT + context);
    }

    /** Not secret: tells which key-encryption key a process holds, or sealed a ring. */
    public String id() {
        return id;
    }

    byte[] seal(String ringName, byte[] plaintext) {
        return aead.seal(plaintext, context(ringName));
    }

    /**
     * @throws IllegalArgumentException when the bytes were sealed under another key-encryption key, for another ring, or
     *                                  changed
     */
    byte[] open(String ringName, byte[] sealed) {
        try {
            return aead.open(sealed, context(ringName));
        } catch (TokenException e) {
            throw new IllegalArgumentException("the ring " + ringName + " does not open with key-encryption key " + id
                    + (sealedUnder(sealed).equals(id) ? ": it was changed, or sealed for another ring"
                    : ": it was sealed under " + sealedUnder(sealed)));
        }
    }

    /** The id in a sealed ring's header (Aead's: version, id length, id): which KEK sealed it. */
    private static String sealedUnder(byte[] sealed) {
        if (sealed.length < 2 || sealed.length < 2 + (sealed[1] & 0xff)) {
            return "an unknown key";
        }
        return new String(sealed, 2, sealed[1] & 0xff, StandardCharsets.UTF_8);
    }

    /** The ring's name is authenticated with it: a ring's record copied under another ring's name does not open. */
    private static String context(String ringName) {
        return "mayfly-key-ring:" + ringName;
    }

    private static byte[] sha256(byte[] key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
