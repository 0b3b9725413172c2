package dev.mayfly.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerEnvironmentTest {

    @Test
    void kafkaBrokerSettingsWhenApacheKafkaVariablesThenBrokerPropertiesAndNoJvmOptions() {
        assertThat(ContainerEnvironment.kafkaBrokerSettings(Map.of("KAFKA_LOG_DIRS", "/var/lib/kafka/data",
                "KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093", "KAFKA_HEAP_OPTS", "-Xmx1g",
                "KAFKA_LISTENER_NAME_SASL__PLAINTEXT_X", "y", "KAFKA_A___B", "c", "PATH", "/bin")))
                .isEqualTo(Map.of("log.dirs", "/var/lib/kafka/data", "controller.quorum.voters", "1@kafka:9093",
                        "listener.name.sasl_plaintext.x", "y", "a-b", "c"));
    }

    @Test
    void elasticsearchSettingsWhenDottedVariablesThenSettingsWithoutXpack() {
        assertThat(ContainerEnvironment.elasticsearchSettings(Map.of("discovery.type", "single-node",
                "xpack.security.enabled", "false", "ES_JAVA_OPTS", "-Xmx512m", "Cluster.Name", "x")))
                .isEqualTo(Map.of("discovery.type", "single-node"));
    }
}
