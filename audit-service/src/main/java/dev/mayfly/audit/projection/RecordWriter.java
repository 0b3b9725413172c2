package dev.mayfly.audit.projection;

import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import dev.mayfly.contract.ApiCallRecorded;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the CloudTrail records of API calls to their period's index in one bulk request, each under its eventID: the
 * same call written twice leaves one record. The projection, and a rebuild, write through it.
 */
public final class RecordWriter {

    /** A write this slow is worth an operator's attention: records are searchable that much later. */
    private static final Duration SLOW = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(RecordWriter.class);

    private final AuditElasticsearch elasticsearch;
    private final AuditIndices indices;

    public RecordWriter(AuditElasticsearch elasticsearch, AuditIndices indices) {
        this.elasticsearch = elasticsearch;
        this.indices = indices;
    }

    /**
     * @return how many records were written
     * @throws IOException when Elasticsearch is away or refused any record: then none is known written
     */
    public int write(Collection<ApiCallRecorded> calls) throws IOException {
        OneBufferBulk bulk = elasticsearch.newBulk();
        Instant ingested = Instant.now();
        for (ApiCallRecorded call : calls) {
            String index = indices.indexFor(call.eventTime());
            for (Map<String, Object> cloudTrail : CloudTrailRecord.of(call)) {
                Map<String, Object> document = AuditDocument.of(cloudTrail, ingested);
                bulk.index(index, (String) cloudTrail.get("eventID"), document);
            }
        }
        int operations = bulk.operations();
        if (operations == 0) {
            return 0;
        }
        long sent = System.nanoTime();
        BulkResponse response = elasticsearch.bulk(bulk);
        long roundTripMillis = (System.nanoTime() - sent) / 1_000_000;
        if (roundTripMillis >= SLOW.toMillis()) {
            LOG.warn("slow audit write: {} records took {} ms ({} ms inside Elasticsearch)", operations, roundTripMillis, response.took());
        }
        if (response.errors()) {
            for (BulkResponseItem item : response.items()) {
                if (item.error() != null) {
                    throw new IOException("Elasticsearch refused record " + item.id() + ": " + item.error().reason());
                }
            }
        }
        return operations;
    }
}
