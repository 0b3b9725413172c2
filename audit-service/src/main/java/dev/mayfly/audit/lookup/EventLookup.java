package dev.mayfly.audit.lookup;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.audit.projection.AuditDocument;
import dev.mayfly.audit.projection.AuditIndices;
import dev.mayfly.audit.protocol.CallerSearches;
import dev.mayfly.audit.protocol.JsonTimestamps;
import dev.mayfly.audit.protocol.PageTokens;
import dev.mayfly.contract.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Runs a LookupEvents query against the audit indices, always within one account. */
final class EventLookup {

    private final ElasticsearchClient client;

    EventLookup(ElasticsearchClient client) {
        this.client = client;
    }

    ObjectNode lookup(String accountId, LookupEventsRequest request) throws IOException {
        List<Query> filters = new ArrayList<>();
        filters.add(Query.of(q -> q.term(t -> t.field("recipientAccountId").value(accountId))));
        if (request.attributeKey() != null) {
            String field = LookupEventsRequest.ATTRIBUTE_FIELDS.get(request.attributeKey());
            filters.add(Query.of(q -> q.term(t -> t.field(field).value(request.attributeValue()))));
        }
        if (request.startTime() != null || request.endTime() != null) {
            filters.add(Query.of(q -> q.range(r -> r.number(n -> {
                n.field("mayflyLookup.eventTimeMillis");
                if (request.startTime() != null) {
                    n.gte((double) request.startTime().toEpochMilli());
                }
                if (request.endTime() != null) {
                    n.lte((double) request.endTime().toEpochMilli());
                }
                return n;
            }))));
        }
        List<FieldValue> after = request.nextToken() == null ? null : PageTokens.decode(request.nextToken(), request.fingerprint());
        SearchResponse<JsonNode> response = CallerSearches.search(client, s -> {
            s.index(AuditIndices.PATTERN).ignoreUnavailable(true).allowNoIndices(true)
                    .size(request.maxResults())
                    .query(q -> q.bool(b -> b.filter(filters)))
                    .sort(o -> o.field(f -> f.field("mayflyLookup.eventTimeMillis").order(SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field("eventID").order(SortOrder.Desc)));
            if (after != null) {
                s.searchAfter(after);
            }
            return s;
        }, JsonNode.class);
        ObjectNode result = Json.mapper().createObjectNode();
        ArrayNode events = result.putArray("Events");
        List<Hit<JsonNode>> hits = response.hits().hits();
        for (Hit<JsonNode> hit : hits) {
            events.add(event((ObjectNode) hit.source()));
        }
        if (hits.size() == request.maxResults()) {
            result.put("NextToken", PageTokens.encode(hits.get(hits.size() - 1).sort(), request.fingerprint()));
        }
        return result;
    }

    private static ObjectNode event(ObjectNode document) throws IOException {
        JsonNode lookup = document.get(AuditDocument.LOOKUP);
        ObjectNode record = AuditDocument.record(document);
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("EventId", record.path("eventID").asText());
        event.put("EventName", record.path("eventName").asText());
        event.put("ReadOnly", Boolean.toString(record.path("readOnly").asBoolean()));
        if (record.path("userIdentity").hasNonNull("accessKeyId")) {
            event.put("AccessKeyId", record.path("userIdentity").path("accessKeyId").asText());
        }
        event.put("EventTime", JsonTimestamps.write(Instant.ofEpochMilli(lookup.path("eventTimeMillis").asLong())));
        event.put("EventSource", record.path("eventSource").asText());
        if (lookup.hasNonNull("username")) {
            event.put("Username", lookup.path("username").asText());
        }
        ArrayNode resources = event.putArray("Resources");
        for (JsonNode resource : record.path("resources")) {
            resources.addObject().put("ResourceType", resource.path("type").asText()).put("ResourceName", resource.path("ARN").asText());
        }
        event.put("CloudTrailEvent", Json.mapper().writeValueAsString(record));
        return event;
    }
}
