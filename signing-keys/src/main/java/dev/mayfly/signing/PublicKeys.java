package dev.mayfly.signing;

/** Whatever checks a component's signatures: its public keys in memory ({@link PublicKeyRing}) or in a file ({@link PublicKeyFile}). */
public interface PublicKeys {

    /** Whether the key of that id signed this message; false for a key not held. */
    default boolean verify(String keyId, byte[] message, byte[] signature) {
        return verify(keyId, message, signature, VerifiedSignatures.none());
    }

    /**
     * The same, reusing what an earlier verification of these very key, message and signature found (for readers of the
     * same records in one process); a key not held now is not trusted through it.
     */
    boolean verify(String keyId, byte[] message, byte[] signature, VerifiedSignatures verified);
}
