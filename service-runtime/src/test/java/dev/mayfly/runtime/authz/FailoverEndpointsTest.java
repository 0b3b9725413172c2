package dev.mayfly.runtime.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several servers of one service on this machine, one of them gone: calls reach a live one, over real connections. */
class FailoverEndpointsTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<HttpServer> servers = new ArrayList<>();
    private final List<URI> asked = new ArrayList<>();

    @BeforeEach
    void servers() throws IOException {
        servers.add(server("first", 200));
        servers.add(server("second", 503));
    }

    @AfterEach
    void stop() {
        servers.forEach(server -> server.stop(0));
    }

    private HttpServer server(String name, int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/mayfly/authorize", exchange -> {
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A port nothing listens on: a dead issuer. */
    private static String deadUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private HttpResponse<String> ask(FailoverEndpoints endpoints) throws Exception {
        return endpoints.call(endpoint -> {
            asked.add(endpoint);
            return client.send(HttpRequest.newBuilder(endpoint).GET().build(), HttpResponse.BodyHandlers.ofString());
        });
    }

    @Test
    void ofWhenOneUrlWithATrailingSlashThenOneEndpointWithThePath() {
        assertThat(FailoverEndpoints.of("http://issuer:7070/", "/mayfly/authorize").endpoints())
                .containsExactly(URI.create("http://issuer:7070/mayfly/authorize"));
    }

    @Test
    void ofWhenCommaSeparatedThenEachInOrder() {
        assertThat(FailoverEndpoints.of("http://issuer:7070, http://issuer-2:7070,http://issuer-3:7070", "/mayfly/authorize").endpoints())
                .containsExactly(URI.create("http://issuer:7070/mayfly/authorize"), URI.create("http://issuer-2:7070/mayfly/authorize"),
                        URI.create("http://issuer-3:7070/mayfly/authorize"));
    }

    @Test
    void callWhenTheFirstServerIsDeadThenTheNextAnswersAndIsAskedFirstAfterwards() throws Exception {
        String dead = deadUrl();
        FailoverEndpoints endpoints = FailoverEndpoints.of(dead + "," + url(servers.get(0)), "/mayfly/authorize");

        assertThat(ask(endpoints).body()).isEqualTo("first");
        assertThat(ask(endpoints).body()).isEqualTo("first");

        assertThat(asked).containsExactly(URI.create(dead + "/mayfly/authorize"), endpoints.endpoints().get(1), endpoints.endpoints().get(1));
    }

    @Test
    void callWhenAServerAnswersAnErrorThenItIsTheAnswerAndNoOtherIsAsked() throws Exception {
        FailoverEndpoints endpoints = FailoverEndpoints.of(url(servers.get(1)) + "," + url(servers.get(0)), "/mayfly/authorize");

        HttpResponse<String> answer = ask(endpoints);

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(asked).hasSize(1);
    }

    @Test
    void callWhenEveryServerIsDeadThenTheConnectionFailureAfterTryingEach() throws Exception {
        FailoverEndpoints endpoints = FailoverEndpoints.of(deadUrl() + "," + deadUrl(), "/mayfly/authorize");

        assertThatThrownBy(() -> ask(endpoints)).isInstanceOf(ConnectException.class);
        assertThat(asked).hasSize(2);
    }
}
