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

    /** The account's records held in the dead-letter store: validation finds them there. Same permission as LookupEvents. */
    public static JsonOperation listSetAsideRecords(ElasticsearchClient client) {
        return new JsonOperation("ListSetAsideRecords", "cloudtrail:LookupEvents", new SetAsideRecords(client)::list);
    }

    /** Reads the same records as LookupEvents, so the same permission allows it. */
    public static JsonOperation listRecords(ElasticsearchClient client) {
        return new JsonOperation("ListRecords", "cloudtrail:LookupEvents", new StoredRecords(client)::list);
    }
}
