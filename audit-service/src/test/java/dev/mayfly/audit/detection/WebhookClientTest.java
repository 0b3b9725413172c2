package dev.mayfly.audit.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.mayfly.runtime.net.AddressPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A tenant's webhook URL cannot reach the platform's own network, hold a delivery past its deadline, or flood it. */
class WebhookClientTest {

    private final AtomicInteger posts = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(int status, int bodyBytes) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            posts.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status, bodyBytes == 0 ? -1 : bodyBytes);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                for (int sent = 0; sent < bodyBytes; sent += chunk.length) {
                    out.write(chunk, 0, Math.min(chunk.length, bodyBytes - sent));
                }
            } catch (IOException e) {
                // the client stopped reading
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    private static WebhookClient client(AddressPolicy addresses, Duration timeout) throws Exception {
        return new WebhookClient(addresses, timeout, SSLContext.getDefault());
    }

    @Test
    void postWhenAddressAllowedThenTheStatusAnswered() throws Exception {
        URI url = serve(204, 0);

        assertThat(client(AddressPolicy.allowingPrivate(), Duration.ofSeconds(5)).post(url, Map.of("X-Test", "1"), "{}".getBytes())).isEqualTo(204);
        assertThat(posts).hasValue(1);
    }

    @Test
    void postWhenLoopbackAndOnlyPublicAllowedThenRefusedBeforeAnyConnection() throws Exception {
        URI url = serve(204, 0);

        assertThatThrownBy(() -> client(AddressPolicy.publicOnly(), Duration.ofSeconds(5)).post(url, Map.of(), "{}".getBytes()))
                .hasMessageContaining("not a public address");
        assertThatThrownBy(() -> client(AddressPolicy.publicOnly(), Duration.ofSeconds(5))
                .post(URI.create("http://localhost:" + url.getPort() + "/"), Map.of(), "{}".getBytes()))
                .hasMessageContaining("not a public address");
        assertThat(posts).hasValue(0);
    }

    @Test
    void postWhenTheAnswerIsHugeThenOnlyItsStatusIsRead() throws Exception {
        URI url = serve(200, 50 * 1024 * 1024);
        Instant start = Instant.now();

        assertThat(client(AddressPolicy.allowingPrivate(), Duration.ofSeconds(5)).post(url, Map.of(), "{}".getBytes())).isEqualTo(200);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void postWhenTheWebhookNeverAnswersThenGivenUpAtTheDeadline() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket accepted = silent.accept()) {
                    Thread.sleep(10_000);
                } catch (IOException | InterruptedException e) {
                    // test over
                }
            });
            Instant start = Instant.now();

            assertThatThrownBy(() -> client(AddressPolicy.allowingPrivate(), Duration.ofMillis(500))
                    .post(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/"), Map.of(), "{}".getBytes()))
                    .hasMessageContaining("no answer within");
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void signatureWhenRecomputedWithTheSecretThenTheSameAndWithAnotherNot() {
        String signature = WebhookDeliveries.signature("whsec_a", 1_700_000_000, "{\"FindingId\":\"f-1\"}".getBytes());

        assertThat(signature).startsWith("t=1700000000,v1=").hasSize("t=1700000000,v1=".length() + 64);
        assertThat(WebhookDeliveries.signature("whsec_a", 1_700_000_000, "{\"FindingId\":\"f-1\"}".getBytes())).isEqualTo(signature);
        assertThat(WebhookDeliveries.signature("whsec_b", 1_700_000_000, "{\"FindingId\":\"f-1\"}".getBytes())).isNotEqualTo(signature);
        assertThat(WebhookDeliveries.signature("whsec_a", 1_700_000_001, "{\"FindingId\":\"f-1\"}".getBytes())).isNotEqualTo(signature);
    }
}
