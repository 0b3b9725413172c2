package dev.mayfly.kafka;

import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The Kafka cluster Mayfly's services and verifiers talk to, and the one place their producers, consumers and admin
 * clients are made: each gets the brokers and the operator's {@link KafkaClientSecurity} beside its own settings, so no
 * client can be made that connects without them (ArchitectureTest checks that no other class constructs one).
 *
 * @param bootstrapServers MAYFLY_KAFKA_BOOTSTRAP: host:port of one or more brokers, comma-separated; the clients learn the
 *                         rest of the cluster from whichever answers first
 * @param security         how the clients authenticate and protect the connection
 */
public record KafkaCluster(String bootstrapServers, KafkaClientSecurity security) {

    public static final String BOOTSTRAP = "MAYFLY_KAFKA_BOOTSTRAP";

    public KafkaCluster {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException(BOOTSTRAP + " must name at least one broker (host:port, comma-separated)");
        }
    }

    /** Brokers without security settings (PLAINTEXT), as ./mayfly dev's embedded broker and the tests' run. */
    public static KafkaCluster plaintext(String bootstrapServers) {
        return new KafkaCluster(bootstrapServers, KafkaClientSecurity.NONE);
    }

    /**
     * MAYFLY_KAFKA_BOOTSTRAP (default 127.0.0.1:9092, ./mayfly dev's) and the security settings of
     * {@link KafkaClientSecurity#from}.
     *
     * @param setting a setting's value by its name, null when it is not set
     */
    public static KafkaCluster from(Function<String, String> setting) {
        String bootstrap = setting.apply(BOOTSTRAP);
        return new KafkaCluster(bootstrap == null ? "127.0.0.1:9092" : bootstrap, KafkaClientSecurity.from(setting));
    }

    /**
     * What every client is configured with: the security settings, then the brokers, then the client's own settings.
     * A client's own settings come last so that an operator's properties file cannot weaken what Mayfly relies on
     * (acks=all, idempotence, offsets committed by hand).
     */
    public Properties clientProperties(Map<String, ?> own) {
        Properties props = new Properties();
        props.putAll(security.properties());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putAll(own);
        return props;
    }

    public <K, V> Producer<K, V> producer(Map<String, ?> own, Serializer<K> keys, Serializer<V> values) {
        return new KafkaProducer<>(clientProperties(own), keys, values);
    }

    /** A consumer; KafkaConsumer rather than Consumer, since callers use its wakeup from another thread. */
    public <K, V> KafkaConsumer<K, V> consumer(Map<String, ?> own, Deserializer<K> keys, Deserializer<V> values) {
        return new KafkaConsumer<>(clientProperties(own), keys, values);
    }

    public Admin admin(Map<String, ?> own) {
        return Admin.create(clientProperties(own));
    }

    /** The brokers and the protocol, never a secret. */
    @Override
    public String toString() {
        return bootstrapServers + " (" + security + ")";
    }
}
