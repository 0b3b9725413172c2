package dev.mayfly.audit.projection;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.Json;
import dev.mayfly.contract.RecordBounds;
import dev.mayfly.runtime.RandomUuids;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records that a sink refused for good (a document Elasticsearch cannot map, a record that reads as no API call), set
 * aside whole in their own index instead of being retried forever: one poison record must not stop the trail for every
 * tenant. Each holds the record's bytes as they arrived (as text when they are UTF-8, else base64), why it was set
 * aside, by which reader, and where it was on its topic; a record set aside twice (a redelivery) is stored once.
 * The index is the operator's: no tenant's API reads it.
 */
public final class DeadLetters {

    public static final String INDEX = "mayfly-dead-letters";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    /** Kafka's default largest record; what is kept of a larger one says how large it was. */
    private static final int MAX_RAW_BYTES = 1024 * 1024;
    private static final String MAPPING = """
            {
              "settings": {"number_of_shards": 1, "number_of_replicas": %d},
              "mappings": {
                "dynamic": false,
                "properties": {
                  "setAsideAt": {"type": "date"}, "reader": {"type": "keyword"}, "reason": {"type": "keyword", "ignore_above": 1024},
                  "topic": {"type": "keyword"}, "partition": {"type": "integer"}, "offset": {"type": "long"},
                  "eventID": {"type": "keyword"}, "eventTime": {"type": "date"}, "recipientAccountId": {"type": "keyword"},
                  "accounts": {"type": "keyword"},
                  "rawBytes": {"type": "long"}, "raw": {"type": "text", "index": false}, "rawBase64": {"type": "binary"}
                }
              }
            }""";

    private final AuditElasticsearch elasticsearch;
    private final Clock clock;
    private final AtomicLong held = new AtomicLong();

    public DeadLetters(AuditElasticsearch elasticsearch, Clock clock) {
        this.elasticsearch = elasticsearch;
        this.clock = clock;
    }

    /** As {@link #install(int)} on a single node, where no replica could be placed. */
    public DeadLetters install() throws IOException {
        return install(0);
    }

    /**
     * Creates the index if it does not exist, and learns how many records it holds.
     *
     * @param replicas the new index's copies of its one shard (MAYFLY_AUDIT_INDEX_REPLICAS); an existing index keeps its own
     */
    public DeadLetters install(int replicas) throws IOException {
        String mapping = MAPPING.formatted(replicas);
        try {
            if (!elasticsearch.client().indices().exists(e -> e.index(INDEX)).value()) {
                elasticsearch.client().indices().create(c -> c.index(INDEX).withJson(new StringReader(mapping)));
            }
        } catch (ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
        elasticsearch.client().indices().refresh(r -> r.index(INDEX));
        held.set(elasticsearch.client().count(c -> c.index(INDEX)).count());
        return this;
    }

    /** How many records are set aside: those found at start and those set aside since (redeliveries counted again). */
    public long held() {
        return held.get();
    }

    /** A record to set aside, and why. */
    public record Letter(Delivery delivery, String reason) {
    }

    /**
     * Stores the letters, each under its position on its topic (or its eventID when it came from an event store).
     *
     * @param reader who read the records: "projection", "rebuild"
     * @throws IOException when Elasticsearch is away or refused any of them: then none is known stored
     */
    public void setAside(String reader, Collection<Letter> letters) throws IOException {
        if (letters.isEmpty()) {
            return;
        }
        OneBufferBulk bulk = elasticsearch.newBulk();
        for (Letter letter : letters) {
            bulk.index(INDEX, id(letter.delivery()), document(reader, letter));
        }
        BulkResponse response = elasticsearch.bulk(bulk);
        if (response.errors()) {
            for (BulkResponseItem item : response.items()) {
                if (item.error() != null) {
                    throw new IOException("Elasticsearch refused a record set aside: " + item.error().type());
                }
            }
        }
        held.addAndGet(letters.size());
        letters.forEach(letter -> LOG.error("audit record set aside by the {} ({}): {}, id {}", reader, letter.reason(),
                letter.delivery().origin().position(), id(letter.delivery())));
    }

    private static String id(Delivery delivery) {
        String position = delivery.origin().position();
        if (position != null) {
            return position;
        }
        return delivery.call().map(ApiCallRecorded::eventId).orElseGet(RandomUuids::nextString);
    }

    /** The accounts whose trails hold the call's records: whose validation must find it here. */
    private static List<Object> accounts(ApiCallRecorded call) {
        try {
            return CloudTrailRecord.of(call).stream().map(record -> record.get("recipientAccountId")).filter(Objects::nonNull).toList();
        } catch (RuntimeException e) {
            return call.recipientAccountId() == null ? List.of() : List.of(call.recipientAccountId());   // no record to list either
        }
    }

    private static byte[] json(ApiCallRecorded call) {
        try {
            return Json.mapper().writeValueAsBytes(call);
        } catch (JsonProcessingException e) {
            return new byte[0];
        }
    }

    private Map<String, Object> document(String reader, Letter letter) {
        Delivery delivery = letter.delivery();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("setAsideAt", clock.instant().toString());
        document.put("reader", reader);
        document.put("reason", RecordBounds.text(letter.reason(), 1024));
        document.put("topic", delivery.origin().topic());
        document.put("partition", delivery.origin().partition());
        document.put("offset", delivery.origin().offset());
        delivery.call().ifPresent(call -> {
            document.put("eventID", call.eventId());
            document.put("eventTime", call.eventTime().toString());
            document.put("recipientAccountId", call.recipientAccountId());
            document.put("accounts", accounts(call));
        });
        byte[] raw = delivery.raw() != null ? delivery.raw() : delivery.call().map(DeadLetters::json).orElse(new byte[0]);
        document.put("rawBytes", raw.length);
        byte[] kept = raw.length > MAX_RAW_BYTES ? Arrays.copyOf(raw, MAX_RAW_BYTES) : raw;
        try {
            document.put("raw", StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(kept)).toString());
        } catch (CharacterCodingException e) {
            document.put("rawBase64", Base64.getEncoder().encodeToString(kept));
        }
        return document;
    }
}
