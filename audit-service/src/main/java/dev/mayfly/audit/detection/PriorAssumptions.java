package dev.mayfly.audit.detection;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import dev.mayfly.audit.projection.AuditDocument;
import dev.mayfly.audit.projection.AuditIndices;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether a principal assumed a role from an address before an instant, as the account's trail says: what makes an
 * address new survives a restart, since it is read from the records and not from memory.
 *
 * <p>The pairs a batch of records asks about are answered together, by one aggregation for a few hundred of them: a
 * search each would let one tenant who assumes roles from a stream of fresh addresses (an IPv6 /64 holds
 * 2^64) keep the detections' one thread busy with searches, and every other account's findings wait behind them.
 */
public final class PriorAssumptions {

    /** Three clauses a pair: far below the node's bound on a query's clauses. */
    private static final int PAIRS_A_SEARCH = 256;
    private static final String EVENT_TIME = AuditDocument.LOOKUP + ".eventTimeMillis";

    private final ElasticsearchClient client;
    private final AtomicLong searches = new AtomicLong();

    PriorAssumptions(ElasticsearchClient client) {
        this.client = client;
    }

    /** A principal (its principal id) and a source address, in an account. */
    record Pair(String accountId, String principalId, String sourceIp) {
    }

    /** The earliest successful assumption of each pair the trail holds; a pair missing was never seen. */
    record Earliest(Map<Pair, Long> millis) {

        static final Earliest NONE = new Earliest(Map.of());

        /** @param call the call's time: records of the same second or later do not count (the record holds whole seconds) */
        boolean seenBefore(Pair pair, Instant call) {
            Long earliest = millis.get(pair);
            return earliest != null && earliest < call.getEpochSecond() * 1000;
        }
    }

    /**
     * Of each pair, the earliest successful assumption in the trail: one search for each {@value #PAIRS_A_SEARCH} pairs,
     * which matches those very pairs only (a principal and an address together), so that the cost is the pairs asked
     * about, never the trail's other combinations of the same principals and addresses.
     */
    Earliest earliest(Set<Pair> pairs) throws IOException {
        Map<Pair, Long> earliest = new HashMap<>();
        List<Pair> asked = List.copyOf(pairs);
        for (int from = 0; from < asked.size(); from += PAIRS_A_SEARCH) {
            search(asked.subList(from, Math.min(asked.size(), from + PAIRS_A_SEARCH)), pairs, earliest);
        }
        return new Earliest(earliest);
    }

    private void search(List<Pair> chunk, Set<Pair> asked, Map<Pair, Long> earliest) throws IOException {
        List<FieldValue> accounts = chunk.stream().map(Pair::accountId).distinct().map(FieldValue::of).toList();
        List<Query> exactPairs = chunk.stream().map(pair -> Query.of(q -> q.bool(b -> b
                .filter(f -> f.term(t -> t.field("user.id").value(pair.principalId())))
                .filter(f -> f.term(t -> t.field("sourceIPAddress").value(pair.sourceIp())))))).toList();
        searches.incrementAndGet();
        // principal ids are unique across accounts (AIDA..., AROA...:session): at most one bucket a pair, one page holds them
        SearchResponse<Void> response = client.search(s -> s.index(AuditIndices.PATTERN).ignoreUnavailable(true).allowNoIndices(true).size(0)
                .query(q -> q.bool(b -> b
                        .filter(f -> f.terms(t -> t.field("recipientAccountId").terms(v -> v.value(accounts))))
                        .filter(f -> f.bool(any -> any.should(exactPairs).minimumShouldMatch("1")))
                        .filter(f -> f.prefix(p -> p.field("eventName").value("AssumeRole")))
                        .mustNot(n -> n.exists(e -> e.field("errorCode")))))
                .aggregations("pairs", a -> a.composite(c -> c.size(PAIRS_A_SEARCH)
                        .sources(List.of(source("account", "recipientAccountId"), source("principal", "user.id"),
                                source("address", "sourceIPAddress"))))
                        .aggregations("earliest", sub -> sub.min(m -> m.field(EVENT_TIME)))), Void.class);
        if (!response.aggregations().containsKey("pairs")) {
            return; // no index of the trail yet: nothing was ever seen
        }
        for (CompositeBucket bucket : response.aggregations().get("pairs").composite().buckets().array()) {
            Pair pair = new Pair(bucket.key().get("account").stringValue(), bucket.key().get("principal").stringValue(),
                    bucket.key().get("address").stringValue());
            double min = bucket.aggregations().get("earliest").min().value();
            if (asked.contains(pair) && Double.isFinite(min)) {
                earliest.put(pair, (long) min);
            }
        }
    }

    /** Searches made since start: one for each {@value #PAIRS_A_SEARCH} pairs a batch asks about. */
    long searches() {
        return searches.get();
    }

    private static Map<String, CompositeAggregationSource> source(String name, String field) {
        return Map.of(name, CompositeAggregationSource.of(cs -> cs.terms(t -> t.field(field))));
    }
}
