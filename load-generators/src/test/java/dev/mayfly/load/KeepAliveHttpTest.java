package dev.mayfly.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mayfly.sigv4.RequestHeaders;
import dev.mayfly.sigv4.SignedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeepAliveHttpTest {

    private HttpServer server;
    private final Set<InetSocketAddress> clientEnds = ConcurrentHashMap.newKeySet();
    private final List<String> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A JDK server answering every request with its method, path, one header and its body; chunked when asked to. */
    private URI echoServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::echo);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void echo(HttpExchange exchange) throws IOException {
        clientEnds.add(exchange.getRemoteAddress());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String answer = exchange.getRequestMethod() + " " + exchange.getRequestURI() + " x-amz-date=" + exchange.getRequestHeaders().getFirst("X-Amz-Date")
                + " body=" + body;
        received.add(answer);
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        boolean chunked = exchange.getRequestURI().getPath().equals("/chunked");
        exchange.sendResponseHeaders(chunked ? 201 : 200, chunked ? 0 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static SignedRequest post(URI endpoint, String path, String body) {
        return new SignedRequest("POST", path, "", new RequestHeaders().add("Host", endpoint.getAuthority())
                .add("X-Amz-Date", "20261202T080000Z"), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sendWhenServerAnswersWithContentLengthThenReplyHasStatusAndBody() throws Exception {
        URI endpoint = echoServer();
        try (KeepAliveHttp http = new KeepAliveHttp(endpoint)) {
            KeepAliveHttp.Reply reply = http.send(post(endpoint, "/", "Action=AssumeRole"));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("POST / x-amz-date=20261202T080000Z body=Action=AssumeRole");
        }
    }

    @Test
    void postWhenUnsignedThenSentWithItsContentTypeAndBody() throws Exception {
        URI endpoint = echoServer();
        server.createContext("/search", exchange -> {
            byte[] bytes = (exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        try (KeepAliveHttp http = new KeepAliveHttp(endpoint)) {
            KeepAliveHttp.Reply reply = http.post("/search", "application/json", "{\"size\":1}".getBytes(StandardCharsets.UTF_8));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("application/json {\"size\":1}");
        }
    }

    @Test
    void sendWhenServerAnswersChunkedThenReplyHasTheWholeBody() throws Exception {
        URI endpoint = echoServer();
        try (KeepAliveHttp http = new KeepAliveHttp(endpoint)) {
            KeepAliveHttp.Reply reply = http.send(post(endpoint, "/chunked", "a=1"));

            assertThat(reply.status()).isEqualTo(201);
            assertThat(reply.body()).isEqualTo("POST /chunked x-amz-date=20261202T080000Z body=a=1");
        }
    }

    @Test
    void sendWhenCalledOneAfterAnotherThenOneConnectionCarriesThemAll() throws Exception {
        URI endpoint = echoServer();
        try (KeepAliveHttp http = new KeepAliveHttp(endpoint)) {
            for (int i = 0; i < 20; i++) {
                assertThat(http.send(post(endpoint, "/", "n=" + i)).body()).endsWith("body=n=" + i);
            }
        }
        assertThat(received).hasSize(20);
        assertThat(clientEnds).hasSize(1);
    }

    @Test
    void sendWhenServerClosedTheIdleConnectionThenSendsOnceMoreOnANewOne() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            URI endpoint = URI.create("http://127.0.0.1:" + listener.getLocalPort());
            List<String> requests = new CopyOnWriteArrayList<>();
            Thread serverThread = Thread.ofVirtual().start(() -> {
                try {
                    for (int connection = 0; connection < 2; connection++) {
                        try (Socket socket = listener.accept()) {
                            requests.add(readRequestHead(socket.getInputStream()));
                            // answers, and closes without saying so: the next request on it finds it closed
                            socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                            socket.getOutputStream().flush();
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (KeepAliveHttp http = new KeepAliveHttp(endpoint)) {
                assertThat(http.send(post(endpoint, "/", "first")).body()).isEqualTo("ok");
                Thread.sleep(100);
                assertThat(http.send(post(endpoint, "/", "second")).body()).isEqualTo("ok");
            }
            serverThread.join(5_000);
            assertThat(requests).hasSize(2).allSatisfy(head -> assertThat(head).startsWith("POST / HTTP/1.1"));
        }
    }

    @Test
    void sendWhenServerAnswersConnectionCloseThenNextCallOpensANewConnection() throws Exception {
        URI endpoint = echoServer();
        server.removeContext("/");
        server.createContext("/", exchange -> {
            clientEnds.add(exchange.getRemoteAddress());
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Connection", "close");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        try (KeepAliveHttp http = new KeepAliveHttp(endpoint)) {
            assertThat(http.send(post(endpoint, "/", "a")).status()).isEqualTo(204);
            assertThat(http.send(post(endpoint, "/", "b")).status()).isEqualTo(204);
        }
        assertThat(clientEnds).hasSize(2);
    }

    @Test
    void constructorWhenEndpointIsHttpsThenRefused() {
        assertThatThrownBy(() -> new KeepAliveHttp(URI.create("https://127.0.0.1:7070")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain HTTP");
    }

    private static String readRequestHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        String text = head.toString();
        int length = text.lines().filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
                .mapToInt(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).trim())).findFirst().orElse(0);
        in.readNBytes(length);
        return text;
    }
}
