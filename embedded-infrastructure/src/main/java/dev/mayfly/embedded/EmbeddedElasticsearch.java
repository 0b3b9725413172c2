package dev.mayfly.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.node.EmbeddedNode;
import org.elasticsearch.node.Node;
import org.elasticsearch.node.NodeValidationException;
import org.elasticsearch.transport.netty4.Netty4Plugin;

/** A real single-node Elasticsearch 9 cluster with HTTP on 127.0.0.1, inside this JVM. */
public final class EmbeddedElasticsearch implements AutoCloseable {

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
                .build();
        LUCENE_VECTORS.setLevel(java.util.logging.Level.SEVERE);
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
