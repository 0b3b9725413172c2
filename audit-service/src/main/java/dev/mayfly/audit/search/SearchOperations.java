package dev.mayfly.audit.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.mayfly.audit.protocol.JsonOperation;
import java.util.List;

/**
 * Monitoring over the account's records: Search (a query string and aggregations), the saved security queries, and
 * WhoHeldRole. They read what LookupEvents reads, so the same permission (cloudtrail:LookupEvents) allows them.
 */
public final class SearchOperations {

    private SearchOperations() {
    }

    /** Each operation with its X-Amz-Target operation name. */
    public static List<JsonOperation> all(ElasticsearchClient client) {
        AuditSearch search = new AuditSearch(client);
        SecurityQueries queries = new SecurityQueries(client);
        return List.of(
                new JsonOperation("Search", "cloudtrail:LookupEvents", search::search),
                new JsonOperation("ListSavedQueries", "cloudtrail:LookupEvents", queries::list),
                new JsonOperation("RunSavedQuery", "cloudtrail:LookupEvents", queries::run),
                new JsonOperation("WhoHeldRole", "cloudtrail:LookupEvents", queries::whoHeldRole));
    }
}
