package dev.mayfly.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM under a key ring, with the key id inside the sealed bytes:
 * {@code version(1) | keyIdLength(1) | keyId | nonce(12) | ciphertext | tag(16)}. The header and the
 * caller's context are authenticated: sealed bytes moved to another context (another access key's row,
 * say) do not open.
 */
public final class Aead {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyRing keys;

    public Aead(KeyRing keys) {
        this.keys = keys;
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
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, keys.currentKey(), nonce, header, context).doFinal(plaintext);
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
        SecretKey key = keys.key(new String(sealed, 2, keyIdLength, StandardCharsets.UTF_8)).orElseThrow(Aead::invalid);
        try {
            return cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOfRange(sealed, headerLength, headerLength + NONCE_BYTES),
                    Arrays.copyOfRange(sealed, 0, headerLength), context)
                    .doFinal(sealed, headerLength + NONCE_BYTES, sealed.length - headerLength - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw invalid();
        }
    }

    private static TokenException invalid() {
        return new TokenException("The security token included in the request is invalid.");
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, byte[] header, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(header);
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
