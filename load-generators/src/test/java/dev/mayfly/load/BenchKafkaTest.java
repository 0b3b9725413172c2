package dev.mayfly.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.runtime.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchKafkaTest {

    @Test
    void clusterWhenDevModeOnAnotherPortThenReadsThere() {
        assertThat(BenchKafka.cluster(Settings.of(Map.of("MAYFLY_KAFKA_PORT", "19092"))).bootstrapServers()).isEqualTo("127.0.0.1:19092");
    }

    @Test
    void clusterWhenNothingSaidThenDevModesDefaultPort() {
        assertThat(BenchKafka.cluster(Settings.of(Map.of())).bootstrapServers()).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void clusterWhenBootstrapGivenThenItWinsOverThePort() {
        assertThat(BenchKafka.cluster(Settings.of(Map.of("MAYFLY_KAFKA_BOOTSTRAP", "kafka-1:9092,kafka-2:9092", "MAYFLY_KAFKA_PORT", "19092")))
                .bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
    }
}
