package dev.mayfly.issuer.credentials;

import dev.mayfly.contract.AccessKeyIds;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * Identifiers in AWS's formats: a four-letter prefix that says what the id is, then 16 characters of
 * base32. Access key ids, like AWS's, carry their account (GetAccessKeyInfo reads it back): 8 characters encode the
 * 12-digit account number (40 bits), 8 are random (40 bits; the vault's primary key refuses the unlikely repeat of a
 * long-term key id within an account; {@link AccessKeyIds} reads them back for every service). Secrets: 40 characters of base64's alphabet, as AWS's are.
 */
public final class CredentialIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private CredentialIds() {
    }

    /** A long-term access key id of an account. */
    public static String accessKeyId(String accountId) {
        return AccessKeyIds.LONG_TERM_PREFIX + AccessKeyIds.encodedAccount(accountId) + random(BASE32, 8);
    }

    /** A temporary (session) access key id of an account. */
    public static String sessionAccessKeyId(String accountId) {
        return AccessKeyIds.SESSION_PREFIX + AccessKeyIds.encodedAccount(accountId) + random(BASE32, 8);
    }

    /** The account an access key id of this format was issued in; empty for an id of another shape. */
    public static Optional<String> accountOf(String accessKeyId) {
        return AccessKeyIds.accountOf(accessKeyId);
    }

    public static String userId() {
        return "AIDA" + random(BASE32, 17);
    }

    public static String policyId() {
        return "ANPA" + random(BASE32, 17);
    }

    public static String groupId() {
        return "AGPA" + random(BASE32, 17);
    }

    public static String roleId() {
        return "AROA" + random(BASE32, 17);
    }

    public static String instanceProfileId() {
        return "AIPA" + random(BASE32, 17);
    }

    public static String secretAccessKey() {
        return random(SECRET_ALPHABET, 40);
    }

    /** A new random 12-digit account id. */
    public static String accountId() {
        StringBuilder id = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            id.append(RANDOM.nextInt(10));
        }
        return id.toString();
    }

    /**
     * One draw for the whole id, a byte per character: every draw takes the JDK's one NativePRNG lock, and drawing per
     * character (56 draws for a session's key pair) queued the threads of a thousand AssumeRole a second on it. The
     * alphabets have 32 and 64 symbols, so a byte's low bits pick one without bias.
     */
    private static String random(char[] alphabet, int length) {
        byte[] drawn = new byte[length];
        RANDOM.nextBytes(drawn);
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[drawn[i] & (alphabet.length - 1)];
        }
        Arrays.fill(drawn, (byte) 0);
        return new String(out);
    }
}
