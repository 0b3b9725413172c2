package dev.mayfly.audit.projection;

import dev.mayfly.runtime.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.Header;
import org.apache.http.HttpHeaders;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * Where the audit's Elasticsearch is and how to authenticate to it, from
 * <ul>
 *   <li>MAYFLY_ELASTICSEARCH_URL: one or more nodes, comma-separated (https://es-1:9200,https://es-2:9200); requests go
 *       round the nodes, and one that does not answer is skipped until it does again;</li>
 *   <li>MAYFLY_ELASTICSEARCH_API_KEY: an API key, as Elasticsearch returns it "encoded" (base64 of id:key); or
 *       MAYFLY_ELASTICSEARCH_USERNAME with MAYFLY_ELASTICSEARCH_PASSWORD for basic authentication; sent with every
 *       request rather than after a challenge, so no request goes out without them;</li>
 *   <li>MAYFLY_ELASTICSEARCH_CA_CERT: a PEM file of the CA certificates the nodes' certificates are checked against
 *       (with https nodes), when the cluster's certificate is not publicly trusted. Certificates and host names are
 *       always verified: there is no setting that turns verification off.</li>
 *   <li>MAYFLY_ELASTICSEARCH_CONNECT_TIMEOUT_SECONDS and MAYFLY_ELASTICSEARCH_SOCKET_TIMEOUT_SECONDS: {@link Timeouts}.</li>
 * </ul>
 * {@link #toString()} shows the nodes and the kind of authentication, never the key or the password.
 *
 * @param hosts         the nodes, all http or all https
 * @param authorization the Authorization header value, empty for none
 * @param caCertificate the PEM file of trusted CAs, null to trust the JVM's
 * @param timeouts      how long a node may take to connect and to answer
 */
public record ElasticsearchConnection(List<URI> hosts, Optional<String> authorization, Path caCertificate, Timeouts timeouts) {

    public static final String URL = "MAYFLY_ELASTICSEARCH_URL";
    public static final String API_KEY = "MAYFLY_ELASTICSEARCH_API_KEY";
    public static final String USERNAME = "MAYFLY_ELASTICSEARCH_USERNAME";
    public static final String PASSWORD = "MAYFLY_ELASTICSEARCH_PASSWORD";
    public static final String CA_CERT = "MAYFLY_ELASTICSEARCH_CA_CERT";
    public static final String CONNECT_TIMEOUT = "MAYFLY_ELASTICSEARCH_CONNECT_TIMEOUT_SECONDS";
    public static final String SOCKET_TIMEOUT = "MAYFLY_ELASTICSEARCH_SOCKET_TIMEOUT_SECONDS";

    /**
     * How long the client waits for a node, the low-level client's own defaults unless set: a node that does not connect
     * in time is skipped for the next one; a request whose answer does not come in time fails (and is retried as the
     * projection retries any failed write). On a cluster across a network or under load, a second to connect may be
     * short, and a search over months of a large trail may outlast 30 s.
     *
     * @param connect MAYFLY_ELASTICSEARCH_CONNECT_TIMEOUT_SECONDS (1): to open a connection
     * @param socket  MAYFLY_ELASTICSEARCH_SOCKET_TIMEOUT_SECONDS (30): between two packets of an answer
     */
    public record Timeouts(Duration connect, Duration socket) {

        public static final Timeouts DEFAULTS = new Timeouts(Duration.ofMillis(RestClientBuilder.DEFAULT_CONNECT_TIMEOUT_MILLIS),
                Duration.ofMillis(RestClientBuilder.DEFAULT_SOCKET_TIMEOUT_MILLIS));

        public Timeouts {
            if (connect.isNegative() || connect.isZero() || socket.isNegative() || socket.isZero()) {
                throw new IllegalArgumentException(CONNECT_TIMEOUT + " and " + SOCKET_TIMEOUT + " must be at least 1");
            }
        }

        static Timeouts from(Settings settings) {
            return new Timeouts(Duration.ofSeconds(settings.integer(CONNECT_TIMEOUT, (int) DEFAULTS.connect().toSeconds())),
                    Duration.ofSeconds(settings.integer(SOCKET_TIMEOUT, (int) DEFAULTS.socket().toSeconds())));
        }
    }

    /** The names of the settings that authenticate or choose whom to trust. */
    public static final List<String> SECURITY_SETTINGS = List.of(API_KEY, USERNAME, PASSWORD, CA_CERT);

    public ElasticsearchConnection {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException(URL + " must name at least one node");
        }
        if (hosts.stream().map(URI::getScheme).distinct().count() > 1) {
            throw new IllegalArgumentException(URL + " mixes http and https nodes: " + hosts);
        }
        if (caCertificate != null && !"https".equals(hosts.getFirst().getScheme())) {
            throw new IllegalArgumentException(CA_CERT + " is set but " + URL + " names http nodes: use https for it to take effect");
        }
    }

    /** Nodes without authentication, over http or publicly trusted https: ./mayfly dev's embedded node and the tests'. */
    public static ElasticsearchConnection unauthenticated(String urls) {
        return new ElasticsearchConnection(parseHosts(urls), Optional.empty(), null, Timeouts.DEFAULTS);
    }

    /** The settings named above; MAYFLY_ELASTICSEARCH_URL defaults to ./mayfly dev's node. */
    public static ElasticsearchConnection from(Settings settings) {
        String path = settings.string(CA_CERT, null);
        return new ElasticsearchConnection(parseHosts(settings.string(URL, "http://127.0.0.1:9200")), authorization(settings),
                path == null ? null : Path.of(path), Timeouts.from(settings));
    }

    private static List<URI> parseHosts(String urls) {
        return Arrays.stream(urls.split(",")).map(String::strip).filter(url -> !url.isEmpty()).map(url -> {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(URL + " must list http(s)://host:port URLs, comma-separated, not '" + url + "'");
            }
            return uri;
        }).toList();
    }

    private static Optional<String> authorization(Settings settings) {
        String apiKey = settings.string(API_KEY, null);
        String username = settings.string(USERNAME, null);
        String password = settings.string(PASSWORD, null);
        if (apiKey != null && (username != null || password != null)) {
            throw new IllegalArgumentException("set either " + API_KEY + " or " + USERNAME + " and " + PASSWORD + ", not both");
        }
        if (apiKey != null) {
            return Optional.of("ApiKey " + apiKey);
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException(USERNAME + " and " + PASSWORD + " go together");
        }
        if (username != null) {
            String pair = username + ":" + password;
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }

    /** A low-level client to every node, authenticating each request. */
    public RestClient restClient() {
        RestClientBuilder builder = RestClient.builder(hosts.stream().map(uri -> HttpHost.create(uri.toString())).toArray(HttpHost[]::new));
        authorization.ifPresent(value -> builder.setDefaultHeaders(new Header[] {new BasicHeader(HttpHeaders.AUTHORIZATION, value)}));
        builder.setRequestConfigCallback(request -> request.setConnectTimeout((int) timeouts.connect().toMillis())
                .setSocketTimeout((int) timeouts.socket().toMillis()));
        if (caCertificate != null) {
            SSLContext trusting = trusting(caCertificate);
            // only the trusted CAs change: the client's default host name verification stays on
            builder.setHttpClientConfigCallback(http -> http.setSSLContext(trusting));
        }
        return builder.build();
    }

    private static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(CA_CERT + " " + pem + " holds no PEM certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(CA_CERT + " " + pem + " cannot be read as PEM certificates: " + e.getMessage(), e);
        }
    }

    /** The nodes and the kind of authentication, never the key or the password. */
    @Override
    public String toString() {
        String scheme = authorization.map(value -> value.substring(0, value.indexOf(' '))).orElse("no authentication");
        return hosts + " (" + scheme + (caCertificate == null ? "" : ", CA " + caCertificate) + ")";
    }
}
