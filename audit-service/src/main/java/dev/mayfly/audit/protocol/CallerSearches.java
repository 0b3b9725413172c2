package dev.mayfly.audit.protocol;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.util.ObjectBuilder;
import java.io.IOException;
import java.util.function.Function;

/**
 * The searches a caller's request runs on Elasticsearch, each with a timeout on the node: a query string a tenant
 * controls (a regular expression, a fuzzy or wildcard term over years of records) is stopped there instead of holding
 * the node's search threads from every other tenant and the projection. A search that ran out of time has read only
 * part of the records; that part is not answered as if it were all (a page after it would skip records, counts would be
 * short), but refused for the caller to narrow: a ValidationException, which the SDKs do not retry at once.
 */
public final class CallerSearches {

    /** How long one search may run on the node, well within the client's socket timeout (30 s). */
    public static final String TIMEOUT = "10s";

    private CallerSearches() {
    }

    public static <T> SearchResponse<T> search(ElasticsearchClient client, Function<SearchRequest.Builder, ObjectBuilder<SearchRequest>> request,
                                               Class<T> documents) throws IOException {
        SearchResponse<T> response = client.search(s -> request.apply(s.timeout(TIMEOUT)), documents);
        if (response.timedOut()) {
            throw new JsonProtocolException("ValidationException", "The search ran longer than " + TIMEOUT
                    + ": narrow the time window or the query.");
        }
        return response;
    }
}
