package dev.mayfly.audit.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.mayfly.audit.protocol.CallsAtOnce;
import dev.mayfly.audit.protocol.JsonOperation;
import java.util.List;
import java.util.stream.Stream;

/**
 * Monitoring over the account's records: Search (a query string and aggregations), the saved security queries, and
 * WhoHeldRole. They read what LookupEvents reads, so the same permission (cloudtrail:LookupEvents) allows them. An
 * account runs at most {@link #SEARCHES_AT_ONCE} of them at once.
 */
public final class SearchOperations {

    /** An account's searches running at once: each may run up to CallerSearches.TIMEOUT on the store. */
    static final int SEARCHES_AT_ONCE = 4;

    private SearchOperations() {
    }

    /** Each operation with its X-Amz-Target operation name. */
    public static List<JsonOperation> all(ElasticsearchClient client) {
        AuditSearch search = new AuditSearch(client);
        SecurityQueries queries = new SecurityQueries(client);
        CallsAtOnce atOnce = new CallsAtOnce(SEARCHES_AT_ONCE, "searches of an account's trail");
        return Stream.of(
                new JsonOperation("Search", "cloudtrail:LookupEvents", search::search),
                new JsonOperation("ListSavedQueries", "cloudtrail:LookupEvents", queries::list),
                new JsonOperation("RunSavedQuery", "cloudtrail:LookupEvents", queries::run),
                new JsonOperation("WhoHeldRole", "cloudtrail:LookupEvents", queries::whoHeldRole)).map(atOnce::bounding).toList();
    }
}
