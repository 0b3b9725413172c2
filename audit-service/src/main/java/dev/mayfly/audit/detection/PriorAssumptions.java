package dev.mayfly.audit.detection;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import dev.mayfly.audit.projection.AuditDocument;
import dev.mayfly.audit.projection.AuditIndices;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether a principal assumed a role from an address before an instant, as the account's trail says: what makes an
 * address new survives a restart, since it is read from the records and not from memory.
 *
 * <p>The pairs a batch of records asks about are answered together, by one aggregation (paged when the trail holds many
 * of them): a search each would let one tenant who assumes roles from a stream of fresh addresses (an IPv6 /64 holds
 * 2^64) keep the detections' one thread busy with searches, and every other account's findings wait behind them.
 */
public final class PriorAssumptions {

    private static final int PAGE = 1_000;
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

    /** Of each pair, the earliest successful assumption in the trail: one search a page of {@value #PAGE} pairs found. */
    Earliest earliest(Set<Pair> pairs) throws IOException {
        if (pairs.isEmpty()) {
            return Earliest.NONE;
        }
        List<FieldValue> accounts = values(pairs, Pair::accountId);
        List<FieldValue> principals = values(pairs, Pair::principalId);
        List<FieldValue> addresses = values(pairs, Pair::sourceIp);
        Map<Pair, Long> earliest = new HashMap<>();
        Map<String, FieldValue> after = null;
        while (true) {
            Map<String, FieldValue> afterKey = after;
            searches.incrementAndGet();
            // the three sets admit pairs nobody asked about (a principal asked about with another's address): kept out below
            SearchResponse<Void> page = client.search(s -> s.index(AuditIndices.PATTERN).ignoreUnavailable(true).allowNoIndices(true).size(0)
                    .query(q -> q.bool(b -> b
                            .filter(f -> f.terms(t -> t.field("recipientAccountId").terms(v -> v.value(accounts))))
                            .filter(f -> f.terms(t -> t.field("user.id").terms(v -> v.value(principals))))
                            .filter(f -> f.terms(t -> t.field("sourceIPAddress").terms(v -> v.value(addresses))))
                            .filter(f -> f.prefix(p -> p.field("eventName").value("AssumeRole")))
                            .mustNot(n -> n.exists(e -> e.field("errorCode")))))
                    .aggregations("pairs", a -> a.composite(c -> {
                        c.size(PAGE).sources(List.of(source("account", "recipientAccountId"), source("principal", "user.id"),
                                source("address", "sourceIPAddress")));
                        if (afterKey != null) {
                            c.after(afterKey);
                        }
                        return c;
                    }).aggregations("earliest", sub -> sub.min(m -> m.field(EVENT_TIME)))), Void.class);
            if (!page.aggregations().containsKey("pairs")) {
                return new Earliest(earliest); // no index of the trail yet: nothing was ever seen
            }
            CompositeAggregate found = page.aggregations().get("pairs").composite();
            for (CompositeBucket bucket : found.buckets().array()) {
                Pair pair = new Pair(bucket.key().get("account").stringValue(), bucket.key().get("principal").stringValue(),
                        bucket.key().get("address").stringValue());
                double min = bucket.aggregations().get("earliest").min().value();
                if (pairs.contains(pair) && Double.isFinite(min)) {
                    earliest.put(pair, (long) min);
                }
            }
            if (found.buckets().array().size() < PAGE || found.afterKey() == null) {
                return new Earliest(earliest);
            }
            after = found.afterKey();
        }
    }

    /** Searches made since start: one a page of pairs, however many pairs a batch asks about. */
    long searches() {
        return searches.get();
    }

    private static List<FieldValue> values(Collection<Pair> pairs, Function<Pair, String> field) {
        return pairs.stream().map(field).collect(Collectors.toCollection(LinkedHashSet::new)).stream().map(FieldValue::of).toList();
    }

    private static Map<String, CompositeAggregationSource> source(String name, String field) {
        return Map.of(name, CompositeAggregationSource.of(cs -> cs.terms(t -> t.field(field))));
    }
}
