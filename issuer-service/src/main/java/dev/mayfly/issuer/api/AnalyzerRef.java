package dev.mayfly.issuer.api;

/** An IAM Access Analyzer analyzer of an account; its name is unique in the account, case included, as AWS keeps it. */
public record AnalyzerRef(AccountId account, String analyzerName) {

    /** The aggregate identifier: one stream per account and name. */
    @Override
    public String toString() {
        return account.value() + ":analyzer/" + analyzerName;
    }
}
