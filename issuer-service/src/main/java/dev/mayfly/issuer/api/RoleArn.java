package dev.mayfly.issuer.api;

import java.util.Optional;

/**
 * A role's ARN, {@code arn:aws:iam::123456789012:role/path/Name}: the path is not part of the role's identity.
 *
 * <p>The accepted form is IAM's: {@code arn:aws:iam::}, 12 digits, {@code :role}, a path ({@code /} or
 * {@code /any/thing/} in printable ASCII without spaces) and a name of 1-64 characters of {@code [\w+=,.@-]} (the regular
 * expression it was checked with is RoleArnTest's reference). It is checked character by character: the regular
 * expression backtracked over the path and was a visible part of every AssumeRole's cost.
 */
public record RoleArn(AccountId account, String path, String roleName) {

    private static final String PREFIX = "arn:aws:iam::";
    private static final String ROLE = ":role";
    private static final int ACCOUNT_DIGITS = 12;
    private static final int MAX_NAME = 64;

    public static Optional<RoleArn> parse(String arn) {
        int accountStart = PREFIX.length();
        int pathStart = accountStart + ACCOUNT_DIGITS + ROLE.length();
        if (arn == null || !arn.startsWith(PREFIX) || !arn.startsWith(ROLE, accountStart + ACCOUNT_DIGITS)
                || arn.length() <= pathStart || arn.charAt(pathStart) != '/') {
            return Optional.empty();
        }
        String account = arn.substring(accountStart, accountStart + ACCOUNT_DIGITS);
        int nameStart = arn.lastIndexOf('/') + 1;
        if (!AccountId.isValid(account) || !isPath(arn, pathStart, nameStart) || !isName(arn, nameStart)) {
            return Optional.empty();
        }
        return Optional.of(new RoleArn(AccountId.of(account), arn.substring(pathStart, nameStart), arn.substring(nameStart)));
    }

    /** Printable ASCII but the space: a path is {@code /} or {@code /any/thing/}, the name follows its last slash. */
    private static boolean isPath(String arn, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = arn.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** 1-64 characters of {@code [\w+=,.@-]}. */
    private static boolean isName(String arn, int from) {
        int length = arn.length() - from;
        if (length < 1 || length > MAX_NAME) {
            return false;
        }
        for (int i = from; i < arn.length(); i++) {
            char c = arn.charAt(i);
            boolean word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            if (!word && "+=,.@-".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    public RoleRef ref() {
        return new RoleRef(account, roleName);
    }

    @Override
    public String toString() {
        return "arn:aws:iam::" + account.value() + ":role" + path + roleName;
    }
}
