package dev.mayfly.issuer.iam.account;

import dev.mayfly.issuer.protocol.QueryParameters;

/** IAM's AccountAlias: 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit. */
final class AccountAliasParameter {

    static final String PATTERN = "[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]";

    private AccountAliasParameter() {
    }

    static String of(QueryParameters parameters) {
        return QueryParameters.matching(parameters.required("AccountAlias", "accountAlias", 3, 63), "accountAlias", PATTERN);
    }
}
