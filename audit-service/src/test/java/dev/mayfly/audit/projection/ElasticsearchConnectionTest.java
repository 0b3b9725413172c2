package dev.mayfly.audit.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.mayfly.runtime.Settings;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests to the nodes of MAYFLY_ELASTICSEARCH_URL, seen by small local servers standing in for Elasticsearch nodes. */
class ElasticsearchConnectionTest {

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer node;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (node != null) {
            node.stop(0);
        }
    }

    private String startNode(HttpServer server) {
        node = server;
        node.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        node.start();
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + node.getAddress().getPort();
    }

    private String startHttpNode() throws IOException {
        return startNode(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    private static String downNode() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private static void get(ElasticsearchConnection connection, int times) throws IOException {
        try (RestClient client = connection.restClient()) {
            for (int i = 0; i < times; i++) {
                assertThat(client.performRequest(new Request("GET", "/")).getStatusLine().getStatusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void restClientWhenApiKeySetThenEveryRequestCarriesIt() throws IOException {
        String url = startHttpNode();

        get(ElasticsearchConnection.from(Settings.of(Map.of("MAYFLY_ELASTICSEARCH_URL", url, "MAYFLY_ELASTICSEARCH_API_KEY", "aWQ6a2V5"))), 2);

        assertThat(authorizations).containsExactly("ApiKey aWQ6a2V5", "ApiKey aWQ6a2V5");
    }

    @Test
    void restClientWhenUsernameAndPasswordSetThenEveryRequestCarriesBasicAuthentication() throws IOException {
        String url = startHttpNode();

        get(ElasticsearchConnection.from(Settings.of(Map.of("MAYFLY_ELASTICSEARCH_URL", url,
                "MAYFLY_ELASTICSEARCH_USERNAME", "mayfly_audit", "MAYFLY_ELASTICSEARCH_PASSWORD", "pa:ss"))), 2);

        // base64 of mayfly_audit:pa:ss, sent before any challenge
        assertThat(authorizations).containsExactly("Basic bWF5Zmx5X2F1ZGl0OnBhOnNz", "Basic bWF5Zmx5X2F1ZGl0OnBhOnNz");
    }

    @Test
    void restClientWhenANodeAnswersSlowerThanTheSocketTimeoutThenTheRequestFailsAtTheTimeout() throws IOException {
        node = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        node.createContext("/", exchange -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        node.start();
        String url = "http://127.0.0.1:" + node.getAddress().getPort();
        ElasticsearchConnection connection = ElasticsearchConnection.from(Settings.of(Map.of("MAYFLY_ELASTICSEARCH_URL", url,
                "MAYFLY_ELASTICSEARCH_SOCKET_TIMEOUT_SECONDS", "1", "MAYFLY_ELASTICSEARCH_CONNECT_TIMEOUT_SECONDS", "3")));
        assertThat(connection.timeouts()).isEqualTo(new ElasticsearchConnection.Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(1)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> get(connection, 1)).isInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void fromWhenNoTimeoutIsSetThenTheClientsOwnDefaults() {
        assertThat(ElasticsearchConnection.from(Settings.of(Map.of())).timeouts())
                .isEqualTo(new ElasticsearchConnection.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(30)));
        assertThatThrownBy(() -> ElasticsearchConnection.from(Settings.of(Map.of("MAYFLY_ELASTICSEARCH_SOCKET_TIMEOUT_SECONDS", "0"))))
                .hasMessageContaining("MAYFLY_ELASTICSEARCH_SOCKET_TIMEOUT_SECONDS");
    }

    @Test
    void restClientWhenFirstNodeIsDownThenEveryRequestIsAnsweredByTheSecond() throws IOException {
        String down = downNode();
        String up = startHttpNode();

        // round robin: with the first node refusing connections, one of the first two requests tries it first and moves on
        get(ElasticsearchConnection.from(Settings.of(Map.of("MAYFLY_ELASTICSEARCH_URL", down + ", " + up))), 4);

        assertThat(authorizations).hasSize(4);
    }

    @Test
    void restClientWhenCaCertificateGivenThenTrustsTheNodeItSigned() throws Exception {
        Path keystore = dir.resolve("node.p12");
        Path pem = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "node", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "node", "-keystore", keystore.toString(), "-storepass", "changeit", "-file", pem.toString());
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext(keystore)));
        String url = startNode(https);

        get(ElasticsearchConnection.from(Settings.of(Map.of("MAYFLY_ELASTICSEARCH_URL", url, "MAYFLY_ELASTICSEARCH_CA_CERT", pem.toString()))), 1);
        assertThat(authorizations).hasSize(1);

        // without the CA the node's certificate is not trusted: verification is never off
        assertThatThrownBy(() -> get(ElasticsearchConnection.unauthenticated(url), 1)).isInstanceOf(IOException.class);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }

    private static SSLContext serverContext(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    @Test
    void fromWhenApiKeyAndPasswordBothSetThenRefused() {
        Settings settings = Settings.of(Map.of("MAYFLY_ELASTICSEARCH_API_KEY", "aWQ6a2V5",
                "MAYFLY_ELASTICSEARCH_USERNAME", "u", "MAYFLY_ELASTICSEARCH_PASSWORD", "p"));

        assertThatThrownBy(() -> ElasticsearchConnection.from(settings)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not both");
    }

    @Test
    void fromWhenCaCertificateWithHttpNodesThenRefused() {
        Settings settings = Settings.of(Map.of("MAYFLY_ELASTICSEARCH_URL", "http://es:9200", "MAYFLY_ELASTICSEARCH_CA_CERT", "/etc/ca.pem"));

        assertThatThrownBy(() -> ElasticsearchConnection.from(settings)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https");
    }

    @Test
    void fromWhenSeveralNodesThenKeepsEachInOrder() {
        ElasticsearchConnection connection = ElasticsearchConnection.from(Settings.of(Map.of("MAYFLY_ELASTICSEARCH_URL",
                "https://es-1:9200, https://es-2:9200,https://es-3:9200")));

        assertThat(connection.hosts()).extracting(java.net.URI::getHost).containsExactly("es-1", "es-2", "es-3");
    }

    @Test
    void toStringWhenCredentialsSetThenShowsNeitherKeyNorPassword() {
        String shown = ElasticsearchConnection.from(Settings.of(Map.of("MAYFLY_ELASTICSEARCH_USERNAME", "mayfly_audit",
                "MAYFLY_ELASTICSEARCH_PASSWORD", "pa:ss"))).toString();

        assertThat(shown).contains("Basic").doesNotContain("pa:ss", "bWF5Zmx5X2F1ZGl0OnBhOnNz");
    }
}
