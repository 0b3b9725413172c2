package dev.mayfly.audit.leastprivilege;

import dev.mayfly.audit.protocol.JsonProtocolException;
import dev.mayfly.audit.search.SearchFailures;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many analyses of the trail (GeneratePolicy, ListPrincipalActivity) an account has running at once, at most
 * {@link #PER_ACCOUNT}. Each is an aggregation over up to 90 days of the account's records: one tenant sending many at
 * once, from as many addresses as it likes (the HTTP server bounds requests at once per address only), would hold the
 * audit store's search threads that every tenant's searches wait for. Beyond the bound ThrottlingException, which the
 * SDKs retry after a back-off, as CloudTrail answers LookupEvents beyond its rate. Memory is bounded: an account is
 * tracked only while it has an analysis running.
 */
final class AnalysesAtOnce {

    static final int PER_ACCOUNT = 2;

    private final Map<String, Integer> running = new ConcurrentHashMap<>();

    /** Runs one analysis of the account's, when it has fewer than {@link #PER_ACCOUNT} running. */
    <T> T run(String accountId, SearchFailures.Search<T> analysis) throws IOException {
        boolean[] admitted = new boolean[1];
        running.compute(accountId, (account, count) -> {
            int now = count == null ? 0 : count;
            admitted[0] = now < PER_ACCOUNT;
            return admitted[0] ? now + 1 : now;
        });
        if (!admitted[0]) {
            throw new JsonProtocolException("ThrottlingException", "Rate exceeded: at most " + PER_ACCOUNT
                    + " analyses of an account's trail run at once. Try again when one has answered.");
        }
        try {
            return analysis.run();
        } finally {
            running.computeIfPresent(accountId, (account, count) -> count == 1 ? null : count - 1);
        }
    }
}
