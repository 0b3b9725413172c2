package dev.mayfly.issuer.workload;

import dev.mayfly.runtime.AwsServiceException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Bootstrap tokens and workload ids. A token is 256 random bits; only its SHA-256 is kept. A slow password hash would
 * add nothing: nobody can guess 256 random bits, so the hash only has to be one-way.
 */
public final class WorkloadTokens {

    /** Marks a string as a Mayfly workload token, so that secret scanners can find one that leaked. */
    static final String PREFIX = "mfwt_";
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WorkloadTokens() {
    }

    static String newToken() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The SHA-256 of a token, in hex: what events and the directory keep. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether a presented token is the one with this hash; compared in constant time. */
    static boolean matches(String presentedHash, String hash) {
        return hash != null && MessageDigest.isEqual(presentedHash.getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
    }

    /** A workload's id, for its credentials URI: wl- and 20 random characters. */
    static String newWorkloadId() {
        StringBuilder id = new StringBuilder("wl-");
        for (int i = 0; i < 20; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /**
     * The answer to a token that proves nothing at a credentials URI: the same for a workload that does not exist, so that
     * nobody learns from it which workloads do.
     */
    static AwsServiceException notValidForThisUri() {
        return new AwsServiceException("InvalidToken", "The authorization token is not valid for this credentials URI.", 403);
    }

    static boolean isWorkloadId(String id) {
        return id.matches("wl-[a-z0-9]{20}");
    }
}
