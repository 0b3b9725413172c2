package dev.mayfly.audit.projection;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mayfly.contract.Json;
import jakarta.json.stream.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/** A connection to the audit's Elasticsearch, documents (de)serialized with the one JSON configuration of every message. */
public final class AuditElasticsearch implements AutoCloseable {

    private static final ContentType NDJSON = ContentType.create("application/x-ndjson");

    private final RestClient rest;
    private final ObjectMapper documents;
    private final ElasticsearchClient client;

    private AuditElasticsearch(RestClient rest) {
        this.rest = rest;
        this.documents = Json.configure(new ObjectMapper());
        this.client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper(documents)));
    }

    public static AuditElasticsearch open(ElasticsearchConnection connection) {
        return new AuditElasticsearch(connection.restClient());
    }

    public ElasticsearchClient client() {
        return client;
    }

    /** A bulk request to fill and hand to {@link #bulk}, its documents written as the typed client writes them. */
    public OneBufferBulk newBulk() {
        return new OneBufferBulk(documents);
    }

    /**
     * Sends a bulk request whose body is one buffer of known length. The typed client's bulk streams every line of the
     * body as a chunk of its own, a write system call each and a wait for the socket between them: at 1,000 records a
     * second that was 4,000 writes a second on the client's I/O thread alone (perf, raw_syscalls), each one also a
     * read on Elasticsearch's side, on a machine whose CPU was a third in the kernel.
     *
     * @throws IOException when Elasticsearch is away or answers with an error status
     */
    public BulkResponse bulk(OneBufferBulk bulk) throws IOException {
        Request request = new Request("POST", "/_bulk");
        request.setEntity(new NByteArrayEntity(bulk.body(), NDJSON));
        Response response = rest.performRequest(request);
        JsonpMapper mapper = client._jsonpMapper();
        try (InputStream body = response.getEntity().getContent(); JsonParser parser = mapper.jsonProvider().createParser(body)) {
            return BulkResponse._DESERIALIZER.deserialize(parser, mapper);
        }
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }
}
