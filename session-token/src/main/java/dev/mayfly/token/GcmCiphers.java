package dev.mayfly.token;

import dev.mayfly.sigv4.InstancePool;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-GCM ciphers for each key of a ring, reused across calls: looking a Cipher up and scheduling its AES key cost more
 * than sealing a session token. A Cipher is used by one call at a time and initialized for every call with that call's
 * nonce ({@link Aead} draws a fresh random one per seal), so reuse never repeats a key and nonce pair; the JDK
 * refuses to encrypt again under the same pair anyway. Keeping the same key per pooled cipher lets the JDK skip the key
 * schedule on re-initialization.
 */
final class GcmCiphers {

    static final int TAG_BITS = 128;
    /** More than the calls that seal or open at once on any machine Mayfly runs on; a burst beyond makes and drops extras. */
    private static final int MAX_IDLE_PER_KEY = 64;

    private final Map<String, Pooled> byKeyId = new LinkedHashMap<>();

    GcmCiphers(KeyRing keys) {
        for (String keyId : keys.keyIds()) {
            byKeyId.put(keyId, new Pooled(keys.key(keyId).orElseThrow()));
        }
    }

    /** What a call does with a cipher initialized for it. */
    @FunctionalInterface
    interface Operation {
        byte[] apply(Cipher cipher) throws GeneralSecurityException;
    }

    /** Empty when the ring has no such key. */
    Optional<Pooled> forKey(String keyId) {
        return Optional.ofNullable(byKeyId.get(keyId));
    }

    /** The ciphers of one key. */
    static final class Pooled {

        private final SecretKey key;
        private final InstancePool<Cipher> ciphers = new InstancePool<>(Pooled::newCipher, MAX_IDLE_PER_KEY);

        private Pooled(SecretKey key) {
            this.key = key;
        }

        /**
         * Runs {@code operation} on a cipher initialized for {@code mode} with this key and {@code nonce}, the header
         * and the context already given as additional authenticated data.
         */
        byte[] run(int mode, byte[] nonce, byte[] header, byte[] context, Operation operation) throws GeneralSecurityException {
            return ciphers.apply(cipher -> {
                cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
                cipher.updateAAD(header);
                cipher.updateAAD(context);
                return operation.apply(cipher);
            });
        }

        private static Cipher newCipher() {
            try {
                return Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/GCM is missing from this JDK", e);
            }
        }
    }
}
