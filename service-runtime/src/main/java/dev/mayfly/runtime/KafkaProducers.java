package dev.mayfly.runtime;

import dev.mayfly.kafka.KafkaCluster;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The one producer configuration Mayfly uses for events. */
public final class KafkaProducers {

    private KafkaProducers() {
    }

    /**
     * Idempotent and waiting for every in-sync replica: no duplicate from the client's own retries, no loss
     * when a broker fails, order kept per key. Sends give up after 30 s; callers retry what failed.
     */
    public static Producer<String, byte[]> reliable(KafkaCluster kafka, String clientId) {
        return kafka.producer(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "2",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000"), new StringSerializer(), new ByteArraySerializer());
    }
}
