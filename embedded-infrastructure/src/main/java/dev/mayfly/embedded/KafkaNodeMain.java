package dev.mayfly.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * A Kafka KRaft node as a container's command, configured as apache/kafka is: by KAFKA_* variables
 * ({@link ContainerEnvironment#kafkaBrokerSettings}) and CLUSTER_ID. Formats its storage on the first start (an empty
 * log directory), as that image's entry point does. For the images container-tests builds from Maven Central jars.
 */
public final class KafkaNodeMain {

    /** apache/kafka's default when CLUSTER_ID is not set, so that a volume moves between the two images. */
    private static final String DEFAULT_CLUSTER_ID = "5L6g3nShT-eMCtK--X86sw";

    private KafkaNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.put("log.dirs", "/tmp/kraft-combined-logs");
        props.putAll(ContainerEnvironment.kafkaBrokerSettings(System.getenv()));
        Path logDir = Path.of(props.getProperty("metadata.log.dir", props.getProperty("log.dirs").split(",")[0]));
        Files.createDirectories(logDir);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            String clusterId = System.getenv().getOrDefault("CLUSTER_ID", DEFAULT_CLUSTER_ID);
            boolean standalone = !props.containsKey("controller.quorum.voters");
            EmbeddedKafka.format(Files.createTempDirectory("kafka-format"), props, clusterId, standalone);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
            stopped.countDown();
        }, "kafka-shutdown"));
        server.startup();
        stopped.await();
    }
}
