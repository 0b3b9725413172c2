package dev.mayfly.audit.projection;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mayfly.contract.Json;
import java.io.IOException;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/** A connection to the audit's Elasticsearch, documents (de)serialized with the one JSON configuration of every message. */
public final class AuditElasticsearch implements AutoCloseable {

    private final RestClient rest;
    private final ElasticsearchClient client;

    private AuditElasticsearch(RestClient rest) {
        this.rest = rest;
        this.client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper(Json.configure(new ObjectMapper()))));
    }

    public static AuditElasticsearch open(String url) {
        return new AuditElasticsearch(RestClient.builder(HttpHost.create(url)).build());
    }

    public ElasticsearchClient client() {
        return client;
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }
}
