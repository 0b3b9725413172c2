package dev.mayfly.issuer.api;

import java.util.Locale;

/** A SAML identity provider of an account, by name (unique per account without regard to case). */
public record SamlProviderRef(AccountId account, String name) {

    public String arn() {
        return "arn:aws:iam::" + account.value() + ":saml-provider/" + name;
    }

    /** The aggregate identifier. */
    @Override
    public String toString() {
        return account.value() + ":saml-provider/" + name.toLowerCase(Locale.ROOT);
    }
}
