package dev.mayfly.issuer.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A role's ARN, {@code arn:aws:iam::123456789012:role/path/Name}: the path is not part of the role's identity. */
public record RoleArn(AccountId account, String path, String roleName) {

    private static final Pattern FORMAT = Pattern.compile("arn:aws:iam::(\\d{12}):role(/(?:[\\x21-\\x7E]*/)?)([\\w+=,.@-]{1,64})");

    public static Optional<RoleArn> parse(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(arn);
        return m.matches() ? Optional.of(new RoleArn(AccountId.of(m.group(1)), m.group(2), m.group(3))) : Optional.empty();
    }

    public RoleRef ref() {
        return new RoleRef(account, roleName);
    }

    @Override
    public String toString() {
        return "arn:aws:iam::" + account.value() + ":role" + path + roleName;
    }
}
