package dev.mayfly.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The HMAC-SHA256 key derivation and hashing that SigV4 is built from. */
public final class SigningKeys {

    private static final HexFormat HEX = HexFormat.of();

    private SigningKeys() {
    }

    /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
    public static byte[] derive(String secretAccessKey, CredentialScope scope) {
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), scope.date());
        key = hmac(key, scope.region());
        key = hmac(key, scope.service());
        return hmac(key, "aws4_request");
    }

    /** The hex signature of a string to sign under a derived key. */
    public static String sign(byte[] signingKey, String stringToSign) {
        return HEX.formatHex(hmac(signingKey, stringToSign));
    }

    /**
     * Digests and MACs shared by all request threads: looking them up per request (which a ThreadLocal does on virtual
     * threads, one per request) costs more than using them.
     */
    private static final int MAX_IDLE = 64;
    private static final InstancePool<MessageDigest> SHA256 = new InstancePool<>(() -> instance(() -> MessageDigest.getInstance("SHA-256")), MAX_IDLE);
    private static final InstancePool<Mac> HMAC = new InstancePool<>(() -> instance(() -> Mac.getInstance("HmacSHA256")), MAX_IDLE);

    /** The hex SHA-256 of the empty body, which most signed GETs have. */
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public static String sha256Hex(byte[] data) {
        return data.length == 0 ? EMPTY_SHA256 : sha256Hex(data, 0, data.length);
    }

    /** The hex SHA-256 of part of an array (a reused buffer's content). */
    static String sha256Hex(byte[] data, int offset, int length) {
        return HEX.formatHex(SHA256.apply(digest -> {
            digest.update(data, offset, length);
            return digest.digest();
        }));
    }

    private interface Lookup<T> {
        T get() throws GeneralSecurityException;
    }

    private static <T> T instance(Lookup<T> lookup) {
        try {
            return lookup.get();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 or HmacSHA256 is missing from this JDK", e);
        }
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            return HMAC.apply(mac -> {
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
            });
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
