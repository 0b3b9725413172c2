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
import dev.mayfly.audit.protocol.CallerSearches;
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
 * recipient account is added beside it, so a tenant never sees another's records. A date histogram either has a fixed
 * interval or follows the range of the records matched (the shortest round interval giving at most the buckets asked
 * for, as Elasticsearch's auto_date_histogram would, which the embedded node lacks); the interval used is answered in
 * HistogramIntervals, and each bucket says where it starts and ends.
 */
public final class AuditSearch {

    private final ElasticsearchClient client;

    public AuditSearch(ElasticsearchClient client) {
        this.client = client;
    }

    /**
     * The Search operation: {"Records": [...], "Total": n, "Aggregations": {...}, "HistogramIntervals": {...},
     * "NextToken": ...}.
     */
    public JsonNode search(String accountId, JsonNode body) throws IOException {
        SearchRequest request = SearchRequest.from(body);
        List<Query> filters = new ArrayList<>(window(accountId, request.startTime(), request.endTime()));
        if (request.query() != null) {
            filters.add(Query.of(q -> q.queryString(s -> s.query(request.query()).defaultOperator(Operator.And)
                    .allowLeadingWildcard(false).lenient(true))));
        }
        Map<String, BucketInterval> intervals = intervals(request, filters);
        Map<String, Aggregation> aggregations = new LinkedHashMap<>();
        for (SearchRequest.Aggregation aggregation : request.aggregations()) {
            aggregations.put(aggregation.name(), switch (aggregation) {
                case Terms terms -> Aggregation.of(a -> a.terms(t -> t.field(terms.field()).size(terms.size())));
                case DateHistogram histogram -> Aggregation.of(a -> {
                    a.dateHistogram(d -> d.field("eventTime").fixedInterval(t -> t.time(intervals.get(histogram.name()).text())).minDocCount(0));
                    if (histogram.byOutcome()) {
                        a.aggregations("outcome", o -> o.terms(t -> t.field("event.outcome").size(2)));
                    }
                    return a;
                });
            });
        }
        List<FieldValue> after = request.nextToken() == null ? null : PageTokens.decode(request.nextToken(), request.fingerprint());
        SearchResponse<ObjectNode> response = SearchFailures.asCallersMistake(() -> CallerSearches.search(client, s -> {
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
        }, ObjectNode.class));

        ObjectNode result = Json.mapper().createObjectNode();
        ArrayNode records = result.putArray("Records");
        List<Hit<ObjectNode>> hits = response.hits().hits();
        hits.forEach(hit -> records.add(AuditDocument.record(hit.source())));
        result.put("Total", response.hits().total() == null ? hits.size() : response.hits().total().value());
        ObjectNode results = result.putObject("Aggregations");
        for (SearchRequest.Aggregation aggregation : request.aggregations()) {
            // no aggregation is answered at all when no index exists yet (a new platform): no bucket then
            Aggregate aggregate = response.aggregations().get(aggregation.name());
            results.set(aggregation.name(), aggregate == null ? Json.mapper().createArrayNode() : aggregation instanceof DateHistogram
                    ? timeBuckets(aggregate.dateHistogram().buckets().array(), intervals.get(aggregation.name()))
                    : termBuckets(aggregate));
        }
        if (!intervals.isEmpty()) {
            ObjectNode used = result.putObject("HistogramIntervals");
            intervals.forEach((name, interval) -> used.put(name, interval.text()));
        }
        if (request.maxResults() > 0 && hits.size() == request.maxResults()) {
            result.put("NextToken", PageTokens.encode(hits.getLast().sort(), request.fingerprint()));
        }
        return result;
    }

    /**
     * Each date histogram's interval: the one asked for, or the one that spreads the matched records over about as many
     * buckets as asked, from the first to the last of them (one more search, for the two ends, when any follows the
     * data). With no record matched, the time window's range stands in for theirs, and a second with neither.
     */
    private Map<String, BucketInterval> intervals(SearchRequest request, List<Query> filters) throws IOException {
        Map<String, BucketInterval> intervals = new LinkedHashMap<>();
        Span span = null;
        for (SearchRequest.Aggregation aggregation : request.aggregations()) {
            if (aggregation instanceof DateHistogram histogram) {
                if (histogram.followsData()) {
                    span = span != null ? span : span(request, filters);
                    intervals.put(histogram.name(), BucketInterval.following(span.first(), span.last(), histogram.buckets()));
                } else {
                    intervals.put(histogram.name(), BucketInterval.of(histogram.interval()));
                }
            }
        }
        return intervals;
    }

    /** From the first to the last event time of the records a search matches. */
    private record Span(Instant first, Instant last) {
    }

    /** The first and last event times among the records matched, or the window's, or now. */
    private Span span(SearchRequest request, List<Query> filters) throws IOException {
        SearchResponse<Void> response = SearchFailures.asCallersMistake(() -> CallerSearches.search(client, s -> s.index(AuditIndices.PATTERN)
                .ignoreUnavailable(true).allowNoIndices(true).size(0).trackTotalHits(t -> t.count(1)).query(q -> q.bool(b -> b.filter(filters)))
                .aggregations("first", a -> a.min(m -> m.field("eventTime")))
                .aggregations("last", a -> a.max(m -> m.field("eventTime"))), Void.class));
        Aggregate first = response.aggregations().get("first");
        Aggregate last = response.aggregations().get("last");
        // with no record matched, min and max are null, which the client reads as a number
        boolean matched = response.hits().total() != null && response.hits().total().value() > 0;
        if (matched && first != null && last != null && Double.isFinite(first.min().value()) && Double.isFinite(last.max().value())) {
            return new Span(Instant.ofEpochMilli((long) first.min().value()), Instant.ofEpochMilli((long) last.max().value()));
        }
        if (request.startTime() != null && request.endTime() != null) {
            return new Span(request.startTime(), request.endTime());
        }
        Instant now = Instant.now();
        return new Span(now, now);
    }

    /** The account filter, and the time window if any: what every read of the trail starts from. */
    public static List<Query> window(String accountId, Instant start, Instant end) {
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

    private static ArrayNode termBuckets(Aggregate aggregate) {
        ArrayNode buckets = Json.mapper().createArrayNode();
        for (StringTermsBucket bucket : aggregate.sterms().buckets().array()) {
            buckets.addObject().put("Key", bucket.key().stringValue()).put("Count", bucket.docCount());
        }
        return buckets;
    }

    /** Each bucket with its start (Time) and its end (EndTime, exclusive), so that a chart can narrow to one. */
    private static ArrayNode timeBuckets(List<DateHistogramBucket> histogram, BucketInterval interval) {
        ArrayNode buckets = Json.mapper().createArrayNode();
        for (DateHistogramBucket bucket : histogram) {
            Instant start = Instant.ofEpochMilli(bucket.key());
            ObjectNode out = buckets.addObject().put("Time", JsonTimestamps.write(start))
                    .put("EndTime", JsonTimestamps.write(interval.end(start))).put("Count", bucket.docCount());
            Aggregate outcome = bucket.aggregations().get("outcome");
            if (outcome != null) {
                out.put("Success", 0).put("Failure", 0);
                for (StringTermsBucket split : outcome.sterms().buckets().array()) {
                    out.put(split.key().stringValue().equals("failure") ? "Failure" : "Success", split.docCount());
                }
            }
        }
        return buckets;
    }
}
