package dev.mayfly.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;

/**
 * AES-256-GCM under a key ring, with the key id inside the sealed bytes:
 * {@code version(1) | keyIdLength(1) | keyId | nonce(12) | ciphertext | tag(16)}. The header and the
 * caller's context are authenticated: sealed bytes moved to another context (another access key's row,
 * say) do not open.
 */
public final class Aead {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = GcmCiphers.TAG_BITS;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyRing keys;
    private final GcmCiphers ciphers;

    public Aead(KeyRing keys) {
        this.keys = keys;
        this.ciphers = new GcmCiphers(keys);
    }

    /** The id of the key this seals with; shown to operators, never the key. */
    public String currentKeyId() {
        return keys.currentKeyId();
    }

    public byte[] seal(byte[] plaintext, String context) {
        byte[] keyId = keys.currentKeyId().getBytes(StandardCharsets.UTF_8);
        byte[] header = ByteBuffer.allocate(2 + keyId.length).put(VERSION).put((byte) keyId.length).put(keyId).array();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            byte[] sealed = ciphers.forKey(keys.currentKeyId()).orElseThrow()
                    .run(Cipher.ENCRYPT_MODE, nonce, header, context.getBytes(StandardCharsets.UTF_8), cipher -> cipher.doFinal(plaintext));
            return ByteBuffer.allocate(header.length + nonce.length + sealed.length).put(header).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /** @throws TokenException when the bytes were changed, sealed for another context, or under an unknown key */
    public byte[] open(byte[] sealed, String context) {
        if (sealed.length < 2 || sealed[0] != VERSION) {
            throw invalid();
        }
        int keyIdLength = sealed[1] & 0xff;
        int headerLength = 2 + keyIdLength;
        if (sealed.length < headerLength + NONCE_BYTES + TAG_BITS / 8) {
            throw invalid();
        }
        GcmCiphers.Pooled key = ciphers.forKey(new String(sealed, 2, keyIdLength, StandardCharsets.UTF_8)).orElseThrow(Aead::invalid);
        try {
            return key.run(Cipher.DECRYPT_MODE, Arrays.copyOfRange(sealed, headerLength, headerLength + NONCE_BYTES),
                    Arrays.copyOfRange(sealed, 0, headerLength), context.getBytes(StandardCharsets.UTF_8),
                    cipher -> cipher.doFinal(sealed, headerLength + NONCE_BYTES, sealed.length - headerLength - NONCE_BYTES));
        } catch (GeneralSecurityException e) {
            throw invalid();
        }
    }

    private static TokenException invalid() {
        return new TokenException("The security token included in the request is invalid.");
    }
}
