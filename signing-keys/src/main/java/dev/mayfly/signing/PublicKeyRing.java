package dev.mayfly.signing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The Ed25519 public keys of a component, by key id: enough to check what it signed, and nothing else. Not a secret:
 * its file may be copied anywhere, as a CA certificate is, but whoever can change a verifier's copy decides what that
 * verifier trusts, so keep it writable by its owner only.
 *
 * <p>File form, one key a line: {@code keyId:base64(32-byte public key)}.
 */
public final class PublicKeyRing implements PublicKeys {

    private final Map<String, Ed25519PublicKeyParameters> keys;

    private PublicKeyRing(Map<String, Ed25519PublicKeyParameters> keys) {
        this.keys = Map.copyOf(keys);
    }

    static PublicKeyRing of(Map<String, byte[]> encoded) {
        Map<String, Ed25519PublicKeyParameters> keys = new LinkedHashMap<>();
        encoded.forEach((id, key) -> keys.put(id, new Ed25519PublicKeyParameters(key)));
        return new PublicKeyRing(keys);
    }

    public static PublicKeyRing parse(String text) {
        return of(KeyLines.parse(text, Ed25519PublicKeyParameters.KEY_SIZE, "Ed25519 public"));
    }

    public static PublicKeyRing load(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    /**
     * Whether the key of that id signed this message; false for a key this ring does not hold (looked up first, so that
     * {@code verified} is asked only about a key trusted now).
     */
    @Override
    public boolean verify(String keyId, byte[] message, byte[] signature, VerifiedSignatures verified) {
        Ed25519PublicKeyParameters key = keyId == null ? null : keys.get(keyId);
        if (key == null || signature == null || signature.length != Ed25519PublicKeyParameters.KEY_SIZE * 2) {
            return false;
        }
        return verified.verify(key.getEncoded(), message, signature, () -> {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, key);
            verifier.update(message, 0, message.length);
            return verifier.verifySignature(signature);
        });
    }

    public boolean holds(String keyId) {
        return keys.containsKey(keyId);
    }

    /** The ring in its file form. */
    public String text() {
        return keys.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + ":" + Base64.getEncoder().encodeToString(entry.getValue().getEncoded()) + "\n")
                .collect(Collectors.joining());
    }
}
