package dev.mayfly.audit.lookup;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.audit.projection.AuditDocument;
import dev.mayfly.audit.projection.AuditIndices;
import dev.mayfly.audit.protocol.CallerSearches;
import dev.mayfly.audit.protocol.PageTokens;
import dev.mayfly.contract.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * ListRecords (Mayfly's): an account's CloudTrail records of a time window exactly as stored, oldest first, a thousand
 * a page, for whoever checks them against the digests. Unlike LookupEvents it has no filter and no 50-record pages.
 */
public final class StoredRecords {

    static final int PAGE = 1000;
    private final ElasticsearchClient client;

    public StoredRecords(ElasticsearchClient client) {
        this.client = client;
    }

    /** Answers {"Records": [...], "NextToken": ...} for {"From": t, "To": t, "NextToken": ...}. */
    public JsonNode list(String accountId, JsonNode request) throws IOException {
        RecordWindow window = RecordWindow.of(request);
        Instant from = window.from();
        Instant to = window.to();
        String fingerprint = from + "/" + to;
        List<FieldValue> after = request.path("NextToken").isTextual() ? PageTokens.decode(request.get("NextToken").asText(), fingerprint)
                : null;
        SearchResponse<ObjectNode> response = CallerSearches.search(client, s -> {
            s.index(AuditIndices.PATTERN).ignoreUnavailable(true).allowNoIndices(true).size(PAGE)
                    .query(q -> q.bool(b -> b
                            .filter(f -> f.term(t -> t.field("recipientAccountId").value(accountId)))
                            // eventTime as the record holds it (whole seconds), so that the window means what it means to digests
                            .filter(f -> f.range(r -> r.date(d -> d.field("eventTime").gte(from.toString()).lte(to.toString()))))))
                    .sort(o -> o.field(f -> f.field("eventTime").order(SortOrder.Asc)))
                    .sort(o -> o.field(f -> f.field("eventID").order(SortOrder.Asc)));
            if (after != null) {
                s.searchAfter(after);
            }
            return s;
        }, ObjectNode.class);
        ObjectNode result = Json.mapper().createObjectNode();
        ArrayNode records = result.putArray("Records");
        List<Hit<ObjectNode>> hits = response.hits().hits();
        for (Hit<ObjectNode> hit : hits) {
            records.add(AuditDocument.record(hit.source()));
        }
        if (hits.size() == PAGE) {
            result.put("NextToken", PageTokens.encode(hits.getLast().sort(), fingerprint));
        }
        return result;
    }
}
