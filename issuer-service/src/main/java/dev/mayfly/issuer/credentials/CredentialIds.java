package dev.mayfly.issuer.credentials;

import java.security.SecureRandom;

/**
 * Identifiers in AWS's formats: a four-letter prefix that says what the id is, then 16 characters of
 * base32. Secrets: 40 characters of base64's alphabet, as AWS's are.
 */
public final class CredentialIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private CredentialIds() {
    }

    /** A long-term access key id. */
    public static String accessKeyId() {
        return "AKIA" + random(BASE32, 16);
    }

    /** A temporary (session) access key id. */
    public static String sessionAccessKeyId() {
        return "ASIA" + random(BASE32, 16);
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

    private static String random(char[] alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet[RANDOM.nextInt(alphabet.length)]);
        }
        return out.toString();
    }
}
