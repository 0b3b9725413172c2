package dev.mayfly.audit.lookup;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.audit.projection.ApiCalls;
import dev.mayfly.audit.projection.CloudTrailRecord;
import dev.mayfly.audit.projection.DeadLetters;
import dev.mayfly.audit.protocol.CallerSearches;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * ListSetAsideRecords (Mayfly's): an account's CloudTrail records of a time window that Elasticsearch refused and that
 * are held in the dead-letter store instead, made again from the calls as they arrived. The digests list them as they
 * list every record, so that whoever validates a window finds them here and not deleted.
 */
public final class SetAsideRecords {

    /** Records are set aside rarely; a window holding more than this many says so rather than paging. */
    static final int MAX = 10_000;
    private final ElasticsearchClient client;

    public SetAsideRecords(ElasticsearchClient client) {
        this.client = client;
    }

    /** Answers {"Records": [...], "Truncated": bool} for {"From": t, "To": t}. */
    public JsonNode list(String accountId, JsonNode request) throws IOException {
        RecordWindow window = RecordWindow.of(request);
        var response = CallerSearches.search(client, s -> s.index(DeadLetters.INDEX).ignoreUnavailable(true).allowNoIndices(true).size(MAX)
                .query(q -> q.bool(b -> b
                        .filter(f -> f.term(t -> t.field("accounts").value(accountId)))
                        .filter(f -> f.range(r -> r.date(d -> d.field("eventTime").gte(window.from().minusSeconds(1).toString()).lte(window.to().toString()))))))
                .sort(o -> o.field(f -> f.field("eventTime").order(SortOrder.Asc))), ObjectNode.class);
        ObjectNode result = Json.mapper().createObjectNode();
        ArrayNode records = result.putArray("Records");
        for (Hit<ObjectNode> hit : response.hits().hits()) {
            String raw = hit.source().path("raw").asText(null);
            if (raw == null) {
                continue;   // bytes that are no text are no call
            }
            ApiCalls.read(raw.getBytes(StandardCharsets.UTF_8)).ifPresent(call -> {
                for (Map<String, Object> record : cloudTrailRecords(call)) {
                    if (accountId.equals(record.get("recipientAccountId")) && window.holds(Instant.parse((String) record.get("eventTime")))) {
                        records.add(Json.mapper().valueToTree(record));
                    }
                }
            });
        }
        result.put("Truncated", response.hits().hits().size() == MAX);
        return result;
    }

    /** The call's records; none when no record can be made of it (then no digest lists it either). */
    private static List<Map<String, Object>> cloudTrailRecords(ApiCallRecorded call) {
        try {
            return CloudTrailRecord.of(call);
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
