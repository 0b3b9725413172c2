package dev.mayfly.signing;

/** Whatever checks a component's signatures: its public keys in memory ({@link PublicKeyRing}) or in a file ({@link PublicKeyFile}). */
public interface PublicKeys {

    /** Whether the key of that id signed this message; false for a key not held. */
    boolean verify(String keyId, byte[] message, byte[] signature);
}
