package dev.mayfly.audit.integrity;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.OpType;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The digests in Elasticsearch, index {@value #INDEX}: one document per digest, its id derived from the account and
 * the previous digest's signature, so that a chain has one digest after each ({@link #append}). Digests are kept for as
 * long as the index lives (they are small); tampering with them is what validation detects.
 */
public final class DigestStore {

    public static final String INDEX = "mayfly-digests";
    private static final int PAGE = 1000;
    private static final String MAPPING = """
            {
              "settings": {"number_of_shards": 1, "number_of_replicas": %d, "refresh_interval": "1s"},
              "mappings": {
                "dynamic": false,
                "properties": {
                  "accountId": {"type": "keyword"},
                  "periodStart": {"type": "date"},
                  "periodEnd": {"type": "date"},
                  "part": {"type": "integer"},
                  "records": {"properties": {"eventID": {"type": "keyword"}}}
                }
              }
            }""";

    private final ElasticsearchClient client;

    public DigestStore(ElasticsearchClient client) {
        this.client = client;
    }

    /** As {@link #install(int)} on a single node, where no replica could be placed. */
    public DigestStore install() throws IOException {
        return install(0);
    }

    /**
     * Creates the index unless it exists.
     *
     * @param replicas the new index's copies of its one shard (MAYFLY_AUDIT_INDEX_REPLICAS): on a cluster, the digests
     *                 that prove the trail whole must not be lost with one node; an existing index keeps its own
     */
    public DigestStore install(int replicas) throws IOException {
        String mapping = MAPPING.formatted(replicas);
        if (!client.indices().exists(e -> e.index(INDEX)).value()) {
            try {
                client.indices().create(c -> c.index(INDEX).withJson(new StringReader(mapping)));
            } catch (ElasticsearchException e) {
                if (!"resource_already_exists_exception".equals(e.error().type())) {
                    throw e;
                }
            }
        }
        return this;
    }

    /**
     * Stores a digest after the one it names as previous, unless another digest is stored there already: each digest
     * has at most one successor, so the chain cannot fork, whatever two digesters believe (one paused past its lease,
     * say). The document's id is derived from the account and the previous digest's signature, and is only ever created.
     *
     * @return false if another digest follows the same previous digest (or this one was stored already, by a write
     *         whose answer was lost): the chain has moved on without the caller, who must resume from the store
     */
    public boolean append(Digest digest) throws IOException {
        try {
            client.index(i -> i.index(INDEX).id(idAfter(digest.accountId(), digest.previousDigestSignature())).opType(OpType.Create)
                    .document(digest));
            return true;
        } catch (IOException | ElasticsearchException e) {
            if (VersionConflicts.is(e)) {
                return false;
            }
            throw e;
        }
    }

    /** The id of the digest that follows this signature in an account's chain; the account's first follows none. */
    static String idAfter(String accountId, String previousSignature) {
        return accountId + "-after-" + (previousSignature == null ? "none" : RecordHash.sha256Hex(previousSignature.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Makes every digest stored so far searchable, so that a digester taking over resumes from the very latest. */
    public void refresh() throws IOException {
        client.indices().refresh(r -> r.index(INDEX));
    }

    /** Each account's latest digest, where its chain goes on. */
    public Map<String, Digest> latestPerAccount() throws IOException {
        Map<String, Digest> latest = new HashMap<>();
        Map<String, FieldValue> after = null;
        while (true) {
            Map<String, FieldValue> afterKey = after;
            SearchResponse<Void> page = client.search(s -> s.index(INDEX).size(0).aggregations("accounts", a -> a
                    .composite(c -> {
                        c.size(PAGE).sources(List.of(Map.of("account", CompositeAggregationSource.of(cs -> cs.terms(t -> t.field("accountId"))))));
                        if (afterKey != null) {
                            c.after(afterKey);
                        }
                        return c;
                    })
                    .aggregations("latest", sub -> sub.max(m -> m.field("periodStart")))), Void.class);
            CompositeAggregate accounts = page.aggregations().get("accounts").composite();
            for (CompositeBucket bucket : accounts.buckets().array()) {
                String account = bucket.key().get("account").stringValue();
                Instant periodStart = Instant.ofEpochMilli((long) bucket.aggregations().get("latest").max().value());
                lastPart(account, periodStart).ifPresent(digest -> latest.put(account, digest));
            }
            if (accounts.buckets().array().size() < PAGE || accounts.afterKey() == null) {
                return latest;
            }
            after = accounts.afterKey();
        }
    }

    private Optional<Digest> lastPart(String account, Instant periodStart) throws IOException {
        SearchResponse<Digest> parts = client.search(s -> s.index(INDEX).size(1)
                .query(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("accountId").value(account)))
                        .filter(f -> f.range(r -> r.date(d -> d.field("periodStart").gte(periodStart.toString()).lte(periodStart.toString()))))))
                .sort(o -> o.field(f -> f.field("part").order(SortOrder.Desc))), Digest.class);
        return parts.hits().hits().stream().findFirst().map(Hit::source);
    }

    /**
     * Of these eventIDs, those some digest already lists. Asks for the matching ids alone (an aggregation limited to
     * them), never for the digests, which hold up to {@value Digest#MAX_RECORDS} ids each.
     */
    public Set<String> digested(Collection<String> eventIds) throws IOException {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        List<String> ids = List.copyOf(eventIds);
        List<FieldValue> values = ids.stream().map(FieldValue::of).toList();
        SearchResponse<Void> response = client.search(s -> s.index(INDEX).size(0)
                .query(q -> q.terms(t -> t.field("records.eventID").terms(v -> v.value(values))))
                .aggregations("listed", a -> a.terms(t -> t.field("records.eventID").size(ids.size()).include(i -> i.terms(ids)))),
                Void.class);
        Set<String> found = new HashSet<>();
        for (StringTermsBucket bucket : response.aggregations().get("listed").sterms().buckets().array()) {
            found.add(bucket.key().stringValue());
        }
        return found;
    }

    /**
     * An account's digests from the one whose period holds {@code from} up to the one whose period holds {@code until},
     * oldest first, as stored: a digest that was altered until it no longer reads as one is still returned.
     */
    public List<JsonNode> digests(String accountId, Instant from, Instant until) throws IOException {
        List<JsonNode> digests = new ArrayList<>();
        List<FieldValue> after = null;
        do {
            Page page = page(accountId, from, until, after, 100);
            digests.addAll(page.digests());
            after = page.last();
        } while (after != null);
        return digests;
    }

    /**
     * Up to {@code size} of {@link #digests}, those after {@code after} (a previous page's {@link Page#last}, or null for
     * the first page).
     */
    public Page page(String accountId, Instant from, Instant until, List<FieldValue> after, int size) throws IOException {
        SearchResponse<JsonNode> response = client.search(s -> {
            s.index(INDEX).size(size)
                    .query(q -> q.bool(b -> b
                            .filter(f -> f.term(t -> t.field("accountId").value(accountId)))
                            .filter(f -> f.range(r -> r.date(d -> d.field("periodEnd").gt(from.toString()))))
                            .filter(f -> f.range(r -> r.date(d -> d.field("periodStart").lte(until.toString()))))))
                    .sort(o -> o.field(f -> f.field("periodStart").order(SortOrder.Asc)))
                    .sort(o -> o.field(f -> f.field("part").order(SortOrder.Asc)));
            if (after != null) {
                s.searchAfter(after);
            }
            return s;
        }, JsonNode.class);
        List<Hit<JsonNode>> hits = response.hits().hits();
        return new Page(hits.stream().map(Hit::source).toList(), hits.size() < size ? null : hits.getLast().sort());
    }

    /**
     * Digests in order, and where they ended when more may follow.
     *
     * @param last the sort values of the last digest (its period's start, in epoch milliseconds, and its part), or null
     *             when there is none after it
     */
    public record Page(List<JsonNode> digests, List<FieldValue> last) {
    }
}
