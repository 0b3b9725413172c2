package dev.mayfly.audit.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mayfly.audit.lookup.LookupOperations;
import dev.mayfly.audit.projection.AuditIndices.Period;
import dev.mayfly.audit.projection.AuditIndices;
import dev.mayfly.audit.search.SearchOperations;
import dev.mayfly.contract.Json;
import dev.mayfly.embedded.SharedInfrastructure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The searches a caller's request runs, on the shared Elasticsearch node, seen on the wire: each one has a timeout on
 * the node, so that one tenant's expensive query (a regular expression over years of records) cannot hold the node's
 * search threads from every other tenant; and a search that ran out of time (timed_out, told here by rewriting the
 * node's answer) is refused, not answered as if its part of the records were all of them.
 */
class CallerSearchTimeoutTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final String account = String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
    private final List<JsonNode> searches = new CopyOnWriteArrayList<>();
    private volatile boolean timingOut;
    private HttpServer proxy;
    private RestClient rest;
    private Map<String, JsonOperation> operations;

    @BeforeEach
    void open() throws IOException {
        proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.createContext("/", this::forward);
        proxy.start();
        rest = RestClient.builder(new HttpHost(proxy.getAddress().getAddress(), proxy.getAddress().getPort(), "http")).build();
        ElasticsearchClient client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper(Json.configure(new ObjectMapper()))));
        new AuditIndices(client, Period.MONTH).installTemplate();
        operations = Stream.concat(SearchOperations.all(client).stream(),
                        Stream.of(LookupOperations.lookupEvents(client), LookupOperations.listRecords(client)))
                .collect(Collectors.toMap(JsonOperation::name, Function.identity()));
    }

    /** Hands a request on to the node as it came, noting the searches, and its answer back (timed out when told so). */
    private void forward(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().toString();
        if (path.contains("_search")) {
            searches.add(Json.mapper().readTree(body));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SharedInfrastructure.elasticsearch().httpUrl() + path))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : List.of("Content-Type", "Accept")) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        try {
            HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            byte[] out = (timingOut ? answer.body().replace("\"timed_out\":false", "\"timed_out\":true") : answer.body())
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.headers().firstValue("Content-Type").orElse("application/json"));
            exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
            exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
            exchange.getResponseBody().write(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            exchange.close();
        }
    }

    @AfterEach
    void close() throws IOException {
        rest.close();
        proxy.stop(0);
    }

    private JsonNode call(String operation, String request) throws IOException {
        return operations.get(operation).handler().handle(account, Json.mapper().readTree(request));
    }

    @Test
    void searchWhenAnOperationReadsTheTrailThenEverySearchHasATimeout() throws IOException {
        call("Search", """
                {"Query":"eventName:/.*A.*s.*u.*m.*e.*/","Aggregations":[{"Name":"t","DateHistogram":{"Buckets":50}},
                 {"Name":"n","Terms":{"Field":"eventName"}}]}""");
        call("LookupEvents", "{}");
        call("ListRecords", "{\"From\":\"0001-01-01T00:00:00Z\",\"To\":\"9999-01-01T00:00:00Z\"}");
        for (String saved : List.of("FailedAssumeRoleBursts", "AssumeRoleFromNewSourceIp", "RevokedOrExpiredCredentials",
                "CrossAccountAssumptions", "RootUsage")) {
            call("RunSavedQuery", "{\"Name\":\"" + saved + "\",\"StartTime\":\"0001-01-01T00:00:00Z\"}");
        }
        call("WhoHeldRole", "{\"RoleArn\":\"arn:aws:iam::" + account + ":role/r\",\"At\":\"2026-01-01T00:00:00Z\"}");

        assertThat(searches).hasSizeGreaterThanOrEqualTo(10);
        assertThat(searches).allSatisfy(search -> assertThat(search.path("timeout").asText()).as(search.toString())
                .isEqualTo(CallerSearches.TIMEOUT));
    }

    @Test
    void searchWhenTheNodeRanOutOfTimeThenRefusedRatherThanAPartialAnswer() {
        timingOut = true;

        for (String[] call : List.of(new String[] {"Search", "{\"Query\":\"eventName:/.*A.*/\"}"}, new String[] {"LookupEvents", "{}"},
                new String[] {"RunSavedQuery", "{\"Name\":\"RootUsage\"}"})) {
            assertThatThrownBy(() -> call(call[0], call[1])).as(call[0]).isInstanceOfSatisfying(JsonProtocolException.class, refused -> {
                assertThat(refused.httpStatus()).isEqualTo(400);
                assertThat(refused.getMessage()).contains("narrow");
            });
        }
    }
}
