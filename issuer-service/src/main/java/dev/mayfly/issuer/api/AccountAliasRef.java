package dev.mayfly.issuer.api;

/** An account alias, unique among every account of the deployment as AWS's are among all of AWS's (lowercase only). */
public record AccountAliasRef(String alias) {

    /** The aggregate identifier: one stream per alias, apart from every account's own. */
    @Override
    public String toString() {
        return "account-alias/" + alias;
    }
}
