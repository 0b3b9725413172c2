package dev.mayfly.audit.lookup;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.mayfly.audit.protocol.JsonOperation;

/** The operations that read records: CloudTrail's LookupEvents, and Mayfly's ListRecords for validation. */
public final class LookupOperations {

    private LookupOperations() {
    }

    public static JsonOperation lookupEvents(ElasticsearchClient client) {
        EventLookup lookup = new EventLookup(client);
        return new JsonOperation("LookupEvents", "cloudtrail:LookupEvents",
                (accountId, request) -> lookup.lookup(accountId, LookupEventsRequest.from(request)));
    }

    /** Reads the same records as LookupEvents, so the same permission allows it. */
    public static JsonOperation listRecords(ElasticsearchClient client) {
        return new JsonOperation("ListRecords", "cloudtrail:LookupEvents", new StoredRecords(client)::list);
    }
}
