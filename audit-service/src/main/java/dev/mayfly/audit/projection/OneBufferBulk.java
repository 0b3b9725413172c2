package dev.mayfly.audit.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The body of a bulk request of index operations, as Elasticsearch reads it (newline-delimited JSON: each operation's
 * action line, then its document), built in one buffer so that {@link AuditElasticsearch#bulk} sends it whole.
 */
public final class OneBufferBulk {

    private final ObjectMapper mapper;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
    private int operations;

    OneBufferBulk(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Indexes {@code document} under {@code id}: a document already there is replaced, so writing twice leaves one. */
    public void index(String index, String id, Map<String, Object> document) {
        try {
            body.writeBytes(mapper.writeValueAsBytes(Map.of("index", Map.of("_index", index, "_id", id))));
            body.write('\n');
            body.writeBytes(mapper.writeValueAsBytes(document));
            body.write('\n');
            operations++;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int operations() {
        return operations;
    }

    /** The body's size so far. */
    public int bytes() {
        return body.size();
    }

    byte[] body() {
        return body.toByteArray();
    }
}
