package dev.mayfly.signing;

import dev.mayfly.privatefiles.KeyFileRotation;
import dev.mayfly.privatefiles.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * One component's Ed25519 private keys by key id: the newest signs, and all of them are published (as a
 * {@link PublicKeyRing}) so that what older keys signed keeps verifying until they are retired. Only the component that
 * signs ever holds this ring; everyone who checks its signatures holds the public ring.
 *
 * <p>Bouncy Castle's Ed25519 rather than the JDK's: it signs about 15 times faster here (VerifierBenchmark's
 * signature rounds, docs/benchmarks.md), and it is already how the audit digests are signed.
 *
 * <p>File form, one key a line, oldest first: {@code keyId:base64(32-byte private key)}; key ids are {@code e<epoch
 * millis>} of when the key was made.
 */
public final class SigningKeyRing {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Ed25519PrivateKeyParameters> keys;
    private final String currentKeyId;
    private final PublicKeyRing publicKeys;

    private SigningKeyRing(Map<String, Ed25519PrivateKeyParameters> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a signing key ring needs at least one key");
        }
        this.keys = Map.copyOf(keys);
        this.currentKeyId = keys.keySet().stream().reduce((first, second) -> second).orElseThrow();
        Map<String, byte[]> publicKeys = new LinkedHashMap<>();
        keys.forEach((id, key) -> publicKeys.put(id, key.generatePublicKey().getEncoded()));
        this.publicKeys = PublicKeyRing.of(publicKeys);
    }

    public static SigningKeyRing parse(String text) {
        Map<String, Ed25519PrivateKeyParameters> keys = new LinkedHashMap<>();
        KeyLines.parse(text, Ed25519PrivateKeyParameters.KEY_SIZE, "Ed25519 private")
                .forEach((id, key) -> keys.put(id, new Ed25519PrivateKeyParameters(key)));
        return new SigningKeyRing(keys);
    }

    /**
     * Reads the ring from a file, creating it with one fresh key (readable by its owner only) if it is missing.
     *
     * @throws dev.mayfly.privatefiles.ExposedSecretFileException when its group or others may access the file
     */
    public static SigningKeyRing loadOrCreate(Path file, Instant now) throws IOException {
        PrivateFiles.createIfAbsent(file, newKeyLine(now));
        return parse(PrivateFiles.read(file));
    }

    /**
     * Adds a fresh key that signs from now on, and drops the keys whose successor has signed for longer than
     * {@code keepRetired} (how long what they signed may still be presented).
     *
     * @return the ring as the file now holds it
     */
    public static SigningKeyRing rotate(Path file, Instant now, Duration keepRetired) throws IOException {
        return parse(KeyFileRotation.rotate(file, now, newKeyLine(now), keepRetired));
    }

    /** A fresh random key in the ring's line format, its id saying when it was made. */
    public static String newKeyLine(Instant now) {
        return "e" + now.toEpochMilli() + ":" + Base64.getEncoder().encodeToString(new Ed25519PrivateKeyParameters(RANDOM).getEncoded()) + "\n";
    }

    /** The key that signs: the newest. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** The message signed with the newest key. */
    public Signature sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, keys.get(currentKeyId));
        signer.update(message, 0, message.length);
        return new Signature(currentKeyId, signer.generateSignature());
    }

    /** What verifiers hold: the public half of every key in the ring. */
    public PublicKeyRing publicKeys() {
        return publicKeys;
    }

    /** A signature and the id of the key that made it. */
    public record Signature(String keyId, byte[] bytes) {
    }
}
