package dev.mayfly.load;

import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.runtime.Settings;
import java.util.Map;

/**
 * The Kafka the benches' verifiers read the policy and revocation feeds from: MAYFLY_KAFKA_BOOTSTRAP when it is set,
 * else dev mode's on this machine, on MAYFLY_KAFKA_PORT (9092) as ./mayfly dev takes it. Before, `bench revocation`
 * and `bench verifier` beside a dev mode started on other ports waited a minute for a Kafka on 9092 and gave up.
 */
final class BenchKafka {

    private BenchKafka() {
    }

    static KafkaCluster cluster(Settings settings) {
        if (settings.values().containsKey(KafkaCluster.BOOTSTRAP)) {
            return settings.kafka();
        }
        return settings.with(Map.of(KafkaCluster.BOOTSTRAP, "127.0.0.1:" + settings.integer("MAYFLY_KAFKA_PORT", 9092))).kafka();
    }
}
