package dev.mayfly.audit.search;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import dev.mayfly.audit.protocol.JsonProtocolException;
import java.io.IOException;
import java.util.List;

/**
 * Elasticsearch refusing a search for what the caller asked (a query string it cannot parse, a histogram with more
 * buckets than a search may build) is the caller's mistake: answered 400 with the reason, not 503 as if the store were
 * away. Only a refusal of the request as malformed (400) is the caller's; anything else stays the store's failure.
 */
public final class SearchFailures {

    private static final int MAX_REASON = 300;
    private static final String TOO_MANY_HISTOGRAM_BUCKETS =
            "Too many buckets: choose a longer Interval or a shorter time range, or ask for Buckets instead.";

    private SearchFailures() {
    }

    public interface Search<T> {
        T run() throws IOException;
    }

    static <T> T asCallersMistake(Search<T> search) throws IOException {
        return asCallersMistake(search, TOO_MANY_HISTOGRAM_BUCKETS);
    }

    /**
     * @param tooManyBuckets what the caller can ask instead when the search would build more buckets than Elasticsearch
     *                       allows one search (search.max_buckets): a ValidationException, which the SDKs do not retry
     */
    public static <T> T asCallersMistake(Search<T> search, String tooManyBuckets) throws IOException {
        try {
            return search.run();
        } catch (ElasticsearchException e) {
            // 400 only: a 401 or 403 is the audit service's own credentials for the store, a 429 the store overloaded
            if (e.status() != 400) {
                throw e;
            }
            ErrorCause cause = rootCause(e.error());
            if (mentions(e.error(), "too_many_buckets")) {
                throw new JsonProtocolException("ValidationException", tooManyBuckets);
            }
            String reason = cause.reason() == null ? cause.type() : cause.reason();
            throw new JsonProtocolException("InvalidQueryException", "The search cannot be run: "
                    + (reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "..." : reason));
        }
    }

    /** Whether an error, its causes or its root causes are of a type containing {@code type}. */
    private static boolean mentions(ErrorCause error, String type) {
        if (error == null) {
            return false;
        }
        if (error.type() != null && error.type().contains(type) || mentions(error.causedBy(), type)) {
            return true;
        }
        return error.rootCause().stream().anyMatch(root -> mentions(root, type));
    }

    private static ErrorCause rootCause(ErrorCause error) {
        List<ErrorCause> roots = error.rootCause();
        return roots.isEmpty() ? error : roots.getFirst();
    }
}
