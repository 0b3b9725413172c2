package dev.mayfly.contract;

import java.util.Optional;

/**
 * What an access key id says by itself, as every service reads it: AKIA (long-term) or ASIA (session), then 8
 * characters of base32 that carry the 12-digit account it was issued in (as AWS's ids do: GetAccessKeyInfo reads
 * them), then 8 random ones. The issuer mints them; revocation rules and their index read the account back.
 */
public final class AccessKeyIds {

    public static final String LONG_TERM_PREFIX = "AKIA";
    public static final String SESSION_PREFIX = "ASIA";
    private static final int LENGTH = 20;
    private static final int ACCOUNT_CHARS = 8;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private AccessKeyIds() {
    }

    /** The account an access key id of this format was issued in; empty for an id of another shape. */
    public static Optional<String> accountOf(String accessKeyId) {
        if (accessKeyId == null || accessKeyId.length() != LENGTH
                || !(accessKeyId.startsWith(LONG_TERM_PREFIX) || accessKeyId.startsWith(SESSION_PREFIX))) {
            return Optional.empty();
        }
        long account = 0;
        for (char c : accessKeyId.substring(4, 4 + ACCOUNT_CHARS).toCharArray()) {
            int value = BASE32.indexOf(c);
            if (value < 0) {
                return Optional.empty();
            }
            account = (account << 5) | value;
        }
        return account < 1_000_000_000_000L ? Optional.of(String.format("%012d", account)) : Optional.empty();
    }

    /** The 8 characters that carry a 12-digit account in its access key ids. */
    public static String encodedAccount(String accountId) {
        long account = Long.parseLong(accountId);
        char[] out = new char[ACCOUNT_CHARS];
        for (int i = ACCOUNT_CHARS - 1; i >= 0; i--) {
            out[i] = BASE32.charAt((int) (account & 0x1f));
            account >>>= 5;
        }
        return new String(out);
    }

    /** Whether the id names a long-term key (a user's or a root's), as opposed to a session's. */
    public static boolean isLongTerm(String accessKeyId) {
        return accessKeyId != null && accessKeyId.startsWith(LONG_TERM_PREFIX);
    }
}
