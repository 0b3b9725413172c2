package dev.mayfly.audit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/**
 * A proxy before the shared Elasticsearch node, for tests that see what the audit service asks of it: every search's
 * body is noted; searches can be answered as timed out, and the searches whose body holds a text held until released.
 */
public final class ElasticsearchProxy implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final List<JsonNode> searches = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final RestClient rest;
    private final ElasticsearchClient client;
    private volatile boolean timingOut;
    private volatile String held;
    private final CountDownLatch release = new CountDownLatch(1);
    private final Semaphore holding = new Semaphore(0);

    public ElasticsearchProxy() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::forward);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        rest = RestClient.builder(new HttpHost(server.getAddress().getAddress(), server.getAddress().getPort(), "http")).build();
        client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper(Json.configure(new ObjectMapper()))));
    }

    /** A client that reaches the node through this proxy. */
    public ElasticsearchClient client() {
        return client;
    }

    /** The body of every search so far. */
    public List<JsonNode> searches() {
        return searches;
    }

    /** From now on, every answer says the search ran out of time (timed_out), as the node says when it stopped one. */
    public void timingOut() {
        timingOut = true;
    }

    /** From now on, searches whose body holds {@code text} wait for {@link #release()} before they go on to the node. */
    public void holdSearchesHolding(String text) {
        held = text;
    }

    /** Whether {@code searches} searches are held, waiting up to a minute for them. */
    public boolean awaitHeld(int searches) throws InterruptedException {
        return holding.tryAcquire(searches, 60, TimeUnit.SECONDS);
    }

    public void release() {
        release.countDown();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().toString();
            if (path.contains("_search")) {
                searches.add(Json.mapper().readTree(body));
                if (held != null && new String(body, StandardCharsets.UTF_8).contains(held)) {
                    holding.release();
                    if (!release.await(60, TimeUnit.SECONDS)) {
                        throw new IOException("never released");
                    }
                }
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SharedInfrastructure.elasticsearch().httpUrl() + path))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : List.of("Content-Type", "Accept")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
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
        }
    }

    @Override
    public void close() throws IOException {
        release();
        rest.close();
        server.stop(0);
    }
}
