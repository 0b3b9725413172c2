package dev.mayfly.audit.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.audit.projection.AuditDocument;
import dev.mayfly.audit.projection.AuditIndices;
import dev.mayfly.audit.protocol.JsonTimestamps;
import dev.mayfly.audit.protocol.PageTokens;
import dev.mayfly.audit.search.SearchRequest.DateHistogram;
import dev.mayfly.audit.search.SearchRequest.Terms;
import dev.mayfly.contract.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs searches over the audit indices, always within one account: whatever the query string says, a filter on the
 * recipient account is added beside it, so a tenant never sees another's records.
 */
public final class AuditSearch {

    private final ElasticsearchClient client;

    public AuditSearch(ElasticsearchClient client) {
        this.client = client;
    }

    /** The Search operation: {"Records": [...], "Total": n, "Aggregations": {...}, "NextToken": ...}. */
    public JsonNode search(String accountId, JsonNode body) throws IOException {
        SearchRequest request = SearchRequest.from(body);
        List<Query> filters = new ArrayList<>(window(accountId, request.startTime(), request.endTime()));
        if (request.query() != null) {
            filters.add(Query.of(q -> q.queryString(s -> s.query(request.query()).defaultOperator(Operator.And)
                    .allowLeadingWildcard(false).lenient(true))));
        }
        Map<String, Aggregation> aggregations = new LinkedHashMap<>();
        for (SearchRequest.Aggregation aggregation : request.aggregations()) {
            aggregations.put(aggregation.name(), switch (aggregation) {
                case Terms terms -> Aggregation.of(a -> a.terms(t -> t.field(terms.field()).size(terms.size())));
                case DateHistogram histogram -> Aggregation.of(a -> {
                    a.dateHistogram(d -> d.field("eventTime").fixedInterval(t -> t.time(histogram.interval())).minDocCount(0));
                    if (histogram.byOutcome()) {
                        a.aggregations("outcome", o -> o.terms(t -> t.field("event.outcome").size(2)));
                    }
                    return a;
                });
            });
        }
        List<FieldValue> after = request.nextToken() == null ? null : PageTokens.decode(request.nextToken(), request.fingerprint());
        SearchResponse<ObjectNode> response = client.search(s -> {
            s.index(AuditIndices.PATTERN).ignoreUnavailable(true).allowNoIndices(true).size(request.maxResults())
                    .trackTotalHits(t -> t.enabled(true))
                    .query(q -> q.bool(b -> b.filter(filters)))
                    // newest first to the millisecond (records show whole seconds)
                    .sort(o -> o.field(f -> f.field(AuditDocument.LOOKUP + ".eventTimeMillis").order(SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field("eventID").order(SortOrder.Desc)))
                    .aggregations(aggregations);
            if (after != null) {
                s.searchAfter(after);
            }
            return s;
        }, ObjectNode.class);

        ObjectNode result = Json.mapper().createObjectNode();
        ArrayNode records = result.putArray("Records");
        List<Hit<ObjectNode>> hits = response.hits().hits();
        hits.forEach(hit -> records.add(AuditDocument.record(hit.source())));
        result.put("Total", response.hits().total() == null ? hits.size() : response.hits().total().value());
        ObjectNode results = result.putObject("Aggregations");
        for (SearchRequest.Aggregation aggregation : request.aggregations()) {
            results.set(aggregation.name(), buckets(response.aggregations().get(aggregation.name())));
        }
        if (request.maxResults() > 0 && hits.size() == request.maxResults()) {
            result.put("NextToken", PageTokens.encode(hits.getLast().sort(), request.fingerprint()));
        }
        return result;
    }

    /** The account filter, and the time window if any. */
    static List<Query> window(String accountId, Instant start, Instant end) {
        List<Query> filters = new ArrayList<>();
        filters.add(Query.of(q -> q.term(t -> t.field("recipientAccountId").value(accountId))));
        if (start != null || end != null) {
            filters.add(Query.of(q -> q.range(r -> r.date(d -> {
                d.field("eventTime");
                if (start != null) {
                    d.gte(start.toString());
                }
                if (end != null) {
                    d.lte(end.toString());
                }
                return d;
            }))));
        }
        return filters;
    }

    private static ArrayNode buckets(Aggregate aggregate) {
        ArrayNode buckets = Json.mapper().createArrayNode();
        if (aggregate.isSterms()) {
            for (StringTermsBucket bucket : aggregate.sterms().buckets().array()) {
                buckets.addObject().put("Key", bucket.key().stringValue()).put("Count", bucket.docCount());
            }
        } else if (aggregate.isDateHistogram()) {
            for (DateHistogramBucket bucket : aggregate.dateHistogram().buckets().array()) {
                ObjectNode out = buckets.addObject().put("Time", JsonTimestamps.write(Instant.ofEpochMilli(bucket.key())))
                        .put("Count", bucket.docCount());
                Aggregate outcome = bucket.aggregations().get("outcome");
                if (outcome != null) {
                    out.put("Success", 0).put("Failure", 0);
                    for (StringTermsBucket split : outcome.sterms().buckets().array()) {
                        out.put(split.key().stringValue().equals("failure") ? "Failure" : "Success", split.docCount());
                    }
                }
            }
        }
        return buckets;
    }
}
