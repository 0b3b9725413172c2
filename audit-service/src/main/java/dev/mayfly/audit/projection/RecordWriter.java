package dev.mayfly.audit.projection;

import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import dev.mayfly.audit.projection.DeadLetters.Letter;
import dev.mayfly.contract.ApiCallRecorded;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the CloudTrail records of API calls to their period's index in bulk requests of at most about
 * {@link #MAX_BULK_BYTES}, each under its eventID: the same call written twice leaves one record. The projection, and a rebuild, write through it.
 *
 * <p>A record that can never be written (it reads as no call, no CloudTrail record can be made of it, or Elasticsearch
 * refuses it for what it is) is set aside in the {@link DeadLetters} and the others are written: no record stops the
 * trail. Elasticsearch being away or overloaded is no reason to set anything aside: the write fails and is tried again.
 */
public final class RecordWriter {

    /** A write this slow is worth an operator's attention: records are searchable that much later. */
    private static final Duration SLOW = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(RecordWriter.class);
    /** Refusals that say nothing about the record: the cluster is blocked, overloaded or short of a shard for now. */
    private static final Set<String> PASSING = Set.of("cluster_block_exception", "unavailable_shards_exception",
            "es_rejected_execution_exception", "circuit_breaking_exception", "index_closed_exception",
            "process_cluster_event_timeout_exception");

    /**
     * The most one bulk request carries: a batch whose documents come to more is written in several, so that no batch of
     * large records (parameters are bounded at 64 K characters a record, escaping may multiply them) reaches
     * Elasticsearch's limit on a request (http.max_content_length, 100 MB by default), whose refusal would be retried
     * forever and stop the trail for every tenant.
     */
    static final int MAX_BULK_BYTES = 8 * 1024 * 1024;

    private final AuditElasticsearch elasticsearch;
    private final AuditIndices indices;
    private final DeadLetters deadLetters;
    private final String reader;
    private final int maxBulkBytes;

    /** @param reader who writes through it, as set-aside records name it: "projection", "rebuild" */
    public RecordWriter(AuditElasticsearch elasticsearch, AuditIndices indices, DeadLetters deadLetters, String reader) {
        this(elasticsearch, indices, deadLetters, reader, MAX_BULK_BYTES);
    }

    RecordWriter(AuditElasticsearch elasticsearch, AuditIndices indices, DeadLetters deadLetters, String reader, int maxBulkBytes) {
        this.elasticsearch = elasticsearch;
        this.indices = indices;
        this.deadLetters = deadLetters;
        this.reader = reader;
        this.maxBulkBytes = maxBulkBytes;
    }

    /** How many records were written, and how many deliveries were set aside. */
    public record Written(int records, int setAside) {
    }

    /**
     * @throws IOException when Elasticsearch is away, overloaded, or refused a record for a reason that may pass: then
     *     none is known written
     */
    public Written write(Collection<Delivery> deliveries) throws IOException {
        OneBufferBulk bulk = elasticsearch.newBulk();
        Map<String, Delivery> byRecordId = new HashMap<>();
        Map<Delivery, Letter> letters = new LinkedHashMap<>();
        Instant ingested = Instant.now();
        int written = 0;
        for (Delivery delivery : deliveries) {
            if (delivery.call().isEmpty()) {
                letters.put(delivery, new Letter(delivery, delivery.unreadable()));
                continue;
            }
            ApiCallRecorded call = delivery.call().get();
            List<Map<String, Object>> documents = new ArrayList<>();
            try {
                for (Map<String, Object> cloudTrail : CloudTrailRecord.of(call)) {
                    documents.add(AuditDocument.of(cloudTrail, ingested));
                }
            } catch (RuntimeException e) {
                letters.put(delivery, new Letter(delivery, "no CloudTrail record: " + e));
                continue;
            }
            for (Map<String, Object> document : documents) {
                String id = (String) document.get("eventID");
                bulk.index(indices.indexFor((String) document.get("recipientAccountId"), call.eventTime()), id, document);
                byRecordId.put(id, delivery);
            }
            if (bulk.bytes() >= maxBulkBytes) {
                written += flush(bulk, byRecordId, letters);
                bulk = elasticsearch.newBulk();
                byRecordId.clear();
            }
        }
        written += flush(bulk, byRecordId, letters);
        deadLetters.setAside(reader, letters.values());
        return new Written(written, letters.size());
    }

    /** Sends one bulk request; the records Elasticsearch refuses for good become letters. How many were written. */
    private int flush(OneBufferBulk bulk, Map<String, Delivery> byRecordId, Map<Delivery, Letter> letters) throws IOException {
        int operations = bulk.operations();
        if (operations > 0) {
            for (BulkResponseItem refused : refusedForGood(send(bulk))) {
                Delivery delivery = byRecordId.get(refused.id());
                letters.putIfAbsent(delivery, new Letter(delivery, "Elasticsearch refused it: " + refused.error().type() + ": "
                        + refused.error().reason()));
                operations--;
            }
        }
        return operations;
    }

    private BulkResponse send(OneBufferBulk bulk) throws IOException {
        long sent = System.nanoTime();
        BulkResponse response = elasticsearch.bulk(bulk);
        long roundTripMillis = (System.nanoTime() - sent) / 1_000_000;
        if (roundTripMillis >= SLOW.toMillis()) {
            LOG.warn("slow audit write: {} records took {} ms ({} ms inside Elasticsearch)", bulk.operations(), roundTripMillis,
                    response.took());
        }
        return response;
    }

    /**
     * The records Elasticsearch refused for what they are (a 4xx: mapping, parsing, size); a refusal that may pass (429
     * too many requests, 5xx, a blocked or unavailable shard) fails the whole write, to be tried again.
     */
    private static List<BulkResponseItem> refusedForGood(BulkResponse response) throws IOException {
        if (!response.errors()) {
            return List.of();
        }
        List<BulkResponseItem> refused = new ArrayList<>();
        for (BulkResponseItem item : response.items()) {
            if (item.error() == null) {
                continue;
            }
            if (item.status() == 429 || item.status() == 408 || item.status() >= 500 || item.status() < 400
                    || PASSING.contains(item.error().type())) {
                throw new IOException("Elasticsearch refused record " + item.id() + " for now: " + item.error().type());
            }
            refused.add(item);
        }
        return refused;
    }
}
