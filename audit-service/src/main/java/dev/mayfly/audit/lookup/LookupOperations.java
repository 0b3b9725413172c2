package dev.mayfly.audit.lookup;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.mayfly.audit.protocol.CallsAtOnce;
import dev.mayfly.audit.protocol.JsonOperation;

/**
 * The operations that read records: CloudTrail's LookupEvents, and Mayfly's ListRecords for validation. Each runs at
 * most {@value #READS_AT_ONCE} calls of an account at once: the request rate alone let one tenant keep every call of
 * twenty a second on the store for as long as each took.
 */
public final class LookupOperations {

    public static final int READS_AT_ONCE = 4;

    private LookupOperations() {
    }

    public static JsonOperation lookupEvents(ElasticsearchClient client) {
        EventLookup lookup = new EventLookup(client);
        return bounded(new JsonOperation("LookupEvents", "cloudtrail:LookupEvents",
                (accountId, request) -> lookup.lookup(accountId, LookupEventsRequest.from(request))));
    }

    /** The account's records held in the dead-letter store: validation finds them there. Same permission as LookupEvents. */
    public static JsonOperation listSetAsideRecords(ElasticsearchClient client) {
        return bounded(new JsonOperation("ListSetAsideRecords", "cloudtrail:LookupEvents", new SetAsideRecords(client)::list));
    }

    /** Reads the same records as LookupEvents, so the same permission allows it. */
    public static JsonOperation listRecords(ElasticsearchClient client) {
        return bounded(new JsonOperation("ListRecords", "cloudtrail:LookupEvents", new StoredRecords(client)::list));
    }

    private static JsonOperation bounded(JsonOperation operation) {
        return new CallsAtOnce(READS_AT_ONCE, operation.name() + " calls of an account").bounding(operation);
    }
}
