package dev.mayfly.embedded;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * An Elasticsearch node as a container's command, configured as the official image is: its home and data under
 * /usr/share/elasticsearch (where docker-compose.yml mounts the volume), HTTP on port 9200 of every interface, and the
 * settings named by dotted environment variables ({@link ContainerEnvironment#elasticsearchSettings}). Transport stays
 * on loopback: a single node talks to no other, and Elasticsearch enforces its production bootstrap checks (memory
 * map counts the container cannot set) only on a node whose transport leaves the machine.
 */
public final class ElasticsearchNodeMain {

    private ElasticsearchNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("http.host", "0.0.0.0");
        settings.put("transport.host", "127.0.0.1");
        settings.putAll(ContainerEnvironment.elasticsearchSettings(System.getenv()));
        EmbeddedElasticsearch node = EmbeddedElasticsearch.start(
                Path.of(System.getenv().getOrDefault("ES_HOME", "/usr/share/elasticsearch")), 9200, settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (java.io.IOException e) {
                System.err.println("Elasticsearch did not close cleanly: " + e.getMessage());
            }
            stopped.countDown();
        }, "elasticsearch-shutdown"));
        stopped.await();
    }
}
