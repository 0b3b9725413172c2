package dev.mayfly.audit.detection;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import dev.mayfly.contract.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;

/**
 * The findings, index {@value #INDEX}: one document per finding under its id, only ever created, so that a finding
 * made again from the same records (the detections read a batch again after a restart) is stored once. Every read
 * filters on the account: a tenant never sees another's findings.
 */
public final class FindingStore {

    public static final String INDEX = "mayfly-detection-findings";
    private static final int EXPIRED_PAGE = 1_000;
    private static final String MAPPING = """
            {"settings": {"number_of_shards": 1, "number_of_replicas": %d, "refresh_interval": "1s"},
             "mappings": {"dynamic": false, "properties": {
               "FindingId": {"type": "keyword"}, "AccountId": {"type": "keyword"}, "Detection": {"type": "keyword"},
               "EventTime": {"type": "date"}, "DetectedAt": {"type": "date"}, "Principal": {"type": "keyword"},
               "EventIds": {"type": "keyword"}}}}""";

    private final ElasticsearchClient client;

    public FindingStore(ElasticsearchClient client) {
        this.client = client;
    }

    public FindingStore install(int replicas) throws IOException {
        Indices.create(client, INDEX, MAPPING.formatted(replicas));
        return this;
    }

    /**
     * Stores the findings not stored yet; one stored already (same id) stays as it is.
     *
     * @return the findings stored now, not before
     * @throws IOException when any could not be stored: none is known stored, and the batch is evaluated again
     */
    public List<Finding> store(List<Finding> findings) throws IOException {
        if (findings.isEmpty()) {
            return List.of();
        }
        List<BulkOperation> operations = findings.stream().map(finding -> BulkOperation.of(b -> b.create(c -> c.index(INDEX)
                .id(finding.findingId()).document(finding.toJson())))).toList();
        BulkResponse response = client.bulk(b -> b.operations(operations));
        Set<String> before = new HashSet<>();
        for (BulkResponseItem item : response.items()) {
            if (item.error() != null && item.status() != 409) {
                throw new IOException("finding " + item.id() + " not stored: " + item.error().type());
            }
            if (item.error() != null) {
                before.add(item.id());
            }
        }
        return findings.stream().filter(finding -> !before.contains(finding.findingId())).toList();
    }

    /** Writes how a finding's webhook delivery went into it. */
    void webhook(String findingId, ObjectNode delivery) throws IOException {
        ObjectNode partial = Json.mapper().createObjectNode();
        partial.set("Webhook", delivery);
        client.update(u -> u.index(INDEX).id(findingId).doc(partial), ObjectNode.class);
    }

    /**
     * Deletes the findings of calls older than the trail keeps: a finding shows the records that caused it, and must not
     * outlive them.
     */
    public void deleteExpired(Instant now, Duration retention) throws IOException {
        String cutoff = now.minus(retention).toString();
        // found and deleted a page at a time (Elasticsearch's delete-by-query is a module the embedded node lacks)
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> from = after;
            SearchResponse<Void> page = client.search(s -> {
                s.index(INDEX).ignoreUnavailable(true).allowNoIndices(true).size(EXPIRED_PAGE).source(src -> src.fetch(false))
                        .query(q -> q.range(r -> r.date(d -> d.field("EventTime").lt(cutoff))))
                        .sort(o -> o.field(f -> f.field("FindingId").order(SortOrder.Asc)));
                if (from != null) {
                    s.searchAfter(from);
                }
                return s;
            }, Void.class);
            List<Hit<Void>> hits = page.hits().hits();
            if (hits.isEmpty()) {
                return;
            }
            BulkResponse deleted = client.bulk(b -> b.operations(hits.stream()
                    .map(hit -> BulkOperation.of(o -> o.delete(d -> d.index(INDEX).id(hit.id())))).toList()));
            // another audit process's retention may have deleted some a moment before (404)
            if (deleted.items().stream().anyMatch(item -> item.error() != null && item.status() != 404)) {
                throw new IOException("expired findings not all deleted");
            }
            if (hits.size() < EXPIRED_PAGE) {
                return;
            }
            after = hits.getLast().sort();
        }
    }

    /** Makes every finding stored so far searchable (tests, and a GetDetectionFinding right after a detection). */
    public void refresh() throws IOException {
        client.indices().refresh(r -> r.index(INDEX));
    }

    /** An account's finding; empty for an unknown id, and for another account's. */
    public Optional<ObjectNode> get(String accountId, String findingId) throws IOException {
        SearchResponse<ObjectNode> response = client.search(s -> s.index(INDEX).ignoreUnavailable(true).allowNoIndices(true).size(1)
                .query(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("AccountId").value(accountId)))
                        .filter(f -> f.term(t -> t.field("FindingId").value(findingId))))), ObjectNode.class);
        return response.hits().hits().stream().map(Hit::source).findFirst();
    }

    /** One page of an account's findings, newest first. */
    public Page list(String accountId, String detection, Instant start, Instant end, int maxResults, List<FieldValue> after)
            throws IOException {
        List<Query> filters = new ArrayList<>();
        filters.add(Query.of(q -> q.term(t -> t.field("AccountId").value(accountId))));
        if (detection != null) {
            filters.add(Query.of(q -> q.term(t -> t.field("Detection").value(detection))));
        }
        if (start != null || end != null) {
            filters.add(Query.of(q -> q.range(r -> r.date(d -> {
                d.field("EventTime");
                if (start != null) {
                    d.gte(start.toString());
                }
                if (end != null) {
                    d.lte(end.toString());
                }
                return d;
            }))));
        }
        SearchResponse<ObjectNode> response = client.search(s -> {
            s.index(INDEX).ignoreUnavailable(true).allowNoIndices(true).size(maxResults).query(q -> q.bool(b -> b.filter(filters)))
                    .sort(o -> o.field(f -> f.field("EventTime").order(SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field("FindingId").order(SortOrder.Desc)));
            if (after != null) {
                s.searchAfter(after);
            }
            return s;
        }, ObjectNode.class);
        List<Hit<ObjectNode>> hits = response.hits().hits();
        return new Page(hits.stream().map(Hit::source).toList(), hits.size() == maxResults ? hits.getLast().sort() : null);
    }

    /** @param last where the page ended (search_after), or null when it is the last page */
    public record Page(List<ObjectNode> findings, List<FieldValue> last) {
    }
}
