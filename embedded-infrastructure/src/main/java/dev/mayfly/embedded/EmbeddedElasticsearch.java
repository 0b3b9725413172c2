package dev.mayfly.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.node.EmbeddedNode;
import org.elasticsearch.node.Node;
import org.elasticsearch.node.NodeValidationException;
import org.elasticsearch.transport.netty4.Netty4Plugin;

/** A real single-node Elasticsearch 9 cluster with HTTP on 127.0.0.1, inside this JVM. */
public final class EmbeddedElasticsearch implements AutoCloseable {

    /**
     * After every refresh Elasticsearch merges the field infos of all the shard's segments, only so that field_caps can
     * leave out fields no document has (Kibana's data views ask for that). With the audit indices refreshed five times
     * a second, that was a third of the refresh threads' CPU (Flight Recorder, at 1,000 AssumeRole/s). Off, field_caps
     * lists every mapped field; nothing in Mayfly asks it.
     */
    private static final String EMPTY_FIELDS_FILTER = "es.field_caps_empty_fields_filter";
    private static boolean loggingConfigured;
    /** Held so that the level set on it stays set: Lucene's hint about the incubating vector API is noise here. */
    private static final java.util.logging.Logger LUCENE_VECTORS =
            java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization.VectorizationProvider");
    private final Node node;
    private final int httpPort;

    private EmbeddedElasticsearch(Node node, int httpPort) {
        this.node = node;
        this.httpPort = httpPort;
    }

    /** @param httpPort the HTTP port, or 0 for any free one */
    public static synchronized EmbeddedElasticsearch start(Path home, int httpPort) throws IOException {
        return start(home, httpPort, Map.of());
    }

    /**
     * A node whose settings are these defaults with {@code overrides} put over them: a container's node listens for
     * HTTP on all of its interfaces ({@code http.host}), and takes the settings its environment names.
     */
    public static synchronized EmbeddedElasticsearch start(Path home, int httpPort, Map<String, String> overrides) throws IOException {
        Settings settings = Settings.builder()
                .put("path.home", home.toAbsolutePath().toString())
                .put("node.name", "mayfly-embedded")
                .put("cluster.name", "mayfly")
                .put("discovery.type", "single-node")
                .put("http.type", "netty4")
                .put("transport.type", "netty4")
                .put("network.host", "127.0.0.1")
                .put("http.port", httpPort)
                .put("transport.port", 0)
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put("action.auto_create_index", false)
                // The parent circuit breaker's real-memory check reads the heap of the whole JVM, which is not Elasticsearch's
                // alone here: under load the services' garbage, not yet collected, tripped it, and every bulk write was
                // refused (429) for seconds. The child breakers (requests, in-flight, field data) still count what
                // Elasticsearch itself holds.
                .put("indices.breaker.total.use_real_memory", false)
                .put(Settings.builder().loadFromMap(overrides).build())
                .build();
        LUCENE_VECTORS.setLevel(java.util.logging.Level.SEVERE);
        if (System.getProperty(EMPTY_FIELDS_FILTER) == null) {
            System.setProperty(EMPTY_FIELDS_FILTER, "false");
        }
        if (!loggingConfigured) {
            LogConfigurator.configureESLogging();
            LogConfigurator.configureWithoutConfig(settings);
            // Elasticsearch installs its own console configuration; go back to ours (mayfly-log4j2-embedded.xml)
            org.apache.logging.log4j.core.config.Configurator.reconfigure();
            loggingConfigured = true;
        }
        Node node = new EmbeddedNode(settings, List.of(Netty4Plugin.class));
        try {
            node.start();
        } catch (NodeValidationException e) {
            throw new IOException("Elasticsearch refused to start", e);
        }
        InetSocketAddress bound = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().address();
        return new EmbeddedElasticsearch(node, bound.getPort());
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    @Override
    public void close() throws IOException {
        node.close();
    }
}
