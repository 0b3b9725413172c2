package dev.mayfly.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntFunction;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/** A single-node Kafka 4.4 KRaft broker and controller in this JVM. Its log survives a restart on the same directory. */
public final class EmbeddedKafka implements AutoCloseable {

    private final KafkaRaftServer server;
    private final int port;

    private EmbeddedKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedKafka start(Path dataDir, int port) throws IOException {
        return start(dataDir, port, controllerPort -> Map.of());
    }

    /**
     * A broker whose client listener takes SASL_PLAINTEXT with the PLAIN mechanism only, for these users and passwords:
     * to show that Mayfly's clients carry the operator's security settings. The controller listener stays PLAINTEXT,
     * inside this JVM.
     */
    public static EmbeddedKafka startWithSaslPlain(Path dataDir, int port, Map<String, String> users) throws IOException {
        // the broker's own login (inter-broker) as the first user
        Map.Entry<String, String> own = users.entrySet().iterator().next();
        StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"")
                .append(own.getKey()).append("\" password=\"").append(own.getValue()).append('"');
        users.forEach((user, password) -> jaas.append(" user_").append(user).append("=\"").append(password).append('"'));
        return start(dataDir, port, controllerPort -> Map.of(
                "listeners", "SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + port,
                "listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name", "SASL_PLAINTEXT",
                "sasl.enabled.mechanisms", "PLAIN",
                "sasl.mechanism.inter.broker.protocol", "PLAIN",
                "listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas.append(';').toString()));
    }

    /** @param overrides broker settings in place of the defaults, given the controller's port */
    private static EmbeddedKafka start(Path dataDir, int port, IntFunction<Map<String, String>> overrides) throws IOException {
        int controllerPort = FreePorts.next();
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dataDir.resolve("log").toAbsolutePath().toString());
        props.put("metadata.log.dir", dataDir.resolve("metadata").toAbsolutePath().toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "3");
        props.put("log.cleaner.backoff.ms", "1000");
        props.putAll(overrides.apply(controllerPort));
        Files.createDirectories(dataDir);
        if (!Files.exists(dataDir.resolve("metadata/meta.properties"))) {
            format(dataDir, props, Uuid.randomUuid().toString(), true);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return new EmbeddedKafka(server, port);
    }

    /** Formats the storage a KRaft node's properties name, writing them to {@code dataDir/server.properties} for the tool. */
    static void format(Path dataDir, Properties props, String clusterId, boolean standalone) throws IOException {
        Path config = dataDir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(config)) {
            props.store(out, "written by Mayfly's embedded Kafka for the storage format step");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String[] args = standalone
                ? new String[] {"format", "--standalone", "-t", clusterId, "-c", config.toString()}
                : new String[] {"format", "-t", clusterId, "-c", config.toString()};
        int exit = StorageTool.execute(args, new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IOException("formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
