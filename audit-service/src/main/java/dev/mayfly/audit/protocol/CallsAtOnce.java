package dev.mayfly.audit.protocol;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many calls of a kind an account has running at once, at most {@code perAccount}. Each reads the audit store,
 * at a cost the caller chooses (a query string, aggregations, months of records): one tenant sending many at once, from
 * as many addresses as it likes (the HTTP server bounds requests at once per address only, the request rate per second
 * only), would hold the store's search threads that every tenant's searches wait for. Beyond the bound
 * ThrottlingException, which the SDKs retry after a back-off, as CloudTrail answers LookupEvents beyond its rate.
 * Memory is bounded: an account is tracked only while it has a call running.
 */
public final class CallsAtOnce {

    private final int perAccount;
    private final String what;
    private final Map<String, Integer> running = new ConcurrentHashMap<>();

    /** @param what the calls counted, as the refusal names them ("analyses of an account's trail") */
    public CallsAtOnce(int perAccount, String what) {
        this.perAccount = perAccount;
        this.what = what;
    }

    /** A call's work. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws IOException;
    }

    /** Runs one call of the account's, when it has fewer than {@code perAccount} running. */
    public <T> T run(String accountId, Work<T> call) throws IOException {
        boolean[] admitted = new boolean[1];
        running.compute(accountId, (account, count) -> {
            int now = count == null ? 0 : count;
            admitted[0] = now < perAccount;
            return admitted[0] ? now + 1 : now;
        });
        if (!admitted[0]) {
            throw new JsonProtocolException("ThrottlingException", "Rate exceeded: at most " + perAccount + " " + what
                    + " run at once. Try again when one has answered.");
        }
        try {
            return call.run();
        } finally {
            running.computeIfPresent(accountId, (account, count) -> count == 1 ? null : count - 1);
        }
    }

    /** The operation, run within this bound. */
    public JsonOperation bounding(JsonOperation operation) {
        return new JsonOperation(operation.name(), operation.iamAction(),
                (accountId, request) -> run(accountId, () -> operation.handler().handle(accountId, request)),
                operation.readOnly(), operation.recordedAs());
    }
}
