package dev.mayfly.token;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals claims into a session token and opens them again.
 *
 * <p>Token layout, URL-safe base64 without padding (so it survives headers and query strings unescaped):
 * {@code version(1) | keyIdLength(1) | keyId | nonce(12) | AES-256-GCM(claims JSON) with tag(16)}.
 * The version and key id are authenticated as associated data: no byte can change unnoticed.
 */
public final class SessionTokenSealer {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MAX_TOKEN_CHARS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final TokenKeyRing keys;

    public SessionTokenSealer(TokenKeyRing keys) {
        this.keys = keys;
    }

    public String seal(SessionClaims claims) {
        byte[] keyId = keys.currentKeyId().getBytes(StandardCharsets.UTF_8);
        byte[] header = ByteBuffer.allocate(2 + keyId.length).put(VERSION).put((byte) keyId.length).put(keyId).array();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, keys.currentKey(), nonce, header).doFinal(JSON.writeValueAsBytes(claims));
            byte[] token = ByteBuffer.allocate(header.length + nonce.length + sealed.length).put(header).put(nonce).put(sealed).array();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("sealing a session token failed", e);
        }
    }

    public SessionClaims open(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            throw new TokenException("The security token included in the request is invalid.");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw new TokenException("The security token included in the request is invalid.");
        }
        if (bytes.length < 2 || bytes[0] != VERSION || bytes.length < 2 + (bytes[1] & 0xff) + NONCE_BYTES + TAG_BITS / 8) {
            throw new TokenException("The security token included in the request is invalid.");
        }
        int keyIdLength = bytes[1] & 0xff;
        String keyId = new String(bytes, 2, keyIdLength, StandardCharsets.UTF_8);
        SecretKey key = keys.key(keyId).orElseThrow(() ->
                new TokenException("The security token included in the request is invalid."));
        int headerLength = 2 + keyIdLength;
        byte[] header = java.util.Arrays.copyOfRange(bytes, 0, headerLength);
        byte[] nonce = java.util.Arrays.copyOfRange(bytes, headerLength, headerLength + NONCE_BYTES);
        try {
            byte[] json = cipher(Cipher.DECRYPT_MODE, key, nonce, header)
                    .doFinal(bytes, headerLength + NONCE_BYTES, bytes.length - headerLength - NONCE_BYTES);
            return JSON.readValue(json, SessionClaims.class);
        } catch (AEADBadTagException e) {
            throw new TokenException("The security token included in the request is invalid.");
        } catch (GeneralSecurityException | IOException e) {
            throw new TokenException("The security token included in the request is invalid.");
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, byte[] associatedData) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData);
        return cipher;
    }
}
