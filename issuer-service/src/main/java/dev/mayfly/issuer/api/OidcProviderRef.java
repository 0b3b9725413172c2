package dev.mayfly.issuer.api;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenID Connect identity provider registered in an account, by its issuer URL without the scheme
 * ("server.example.com/path"), as its ARN names it: arn:aws:iam::ACCOUNT:oidc-provider/server.example.com/path.
 * The host compares without regard to case, the path with.
 */
public record OidcProviderRef(AccountId account, String hostAndPath) {

    private static final Pattern ARN = Pattern.compile("arn:aws:iam::(\\d{12}):oidc-provider/(.+)");

    /** The provider of an issuer URL ("https://server.example.com/path", a trailing slash ignored). */
    public static OidcProviderRef ofUrl(AccountId account, String url) {
        String rest = url.replaceFirst("^(?i)https://", "").replaceAll("/+$", "");
        int slash = rest.indexOf('/');
        String host = (slash < 0 ? rest : rest.substring(0, slash)).toLowerCase(Locale.ROOT);
        return new OidcProviderRef(account, slash < 0 ? host : host + rest.substring(slash));
    }

    /** The provider an ARN names; empty when it is not an OIDC provider's ARN. */
    public static Optional<OidcProviderRef> parseArn(String arn) {
        Matcher m = ARN.matcher(arn == null ? "" : arn);
        return m.matches() ? Optional.of(ofUrl(AccountId.of(m.group(1)), m.group(2))) : Optional.empty();
    }

    public String arn() {
        return "arn:aws:iam::" + account.value() + ":oidc-provider/" + hostAndPath;
    }

    /** The aggregate identifier. */
    @Override
    public String toString() {
        return account.value() + ":oidc-provider/" + hostAndPath;
    }
}
