package dev.mayfly.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.embedded.EmbeddedKafka;
import dev.mayfly.embedded.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of client KafkaCluster makes, against a broker that takes SASL/PLAIN only. */
class SaslPlainBrokerTest {

    @TempDir
    static Path dir;
    private static EmbeddedKafka broker;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafka.startWithSaslPlain(dir, FreePorts.next(), Map.of("mayfly", "mayfly-secret"));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static KafkaCluster as(String user, String password) {
        Map<String, String> settings = Map.of(
                "MAYFLY_KAFKA_BOOTSTRAP", broker.bootstrapServers(),
                "MAYFLY_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "MAYFLY_KAFKA_SASL_MECHANISM", "PLAIN",
                "MAYFLY_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + user + "\" password=\"" + password + "\";");
        return KafkaCluster.from(settings::get);
    }

    @Test
    void clientsWhenCredentialsAreRightThenCreateProduceAndConsume() throws Exception {
        KafkaCluster kafka = as("mayfly", "mayfly-secret");
        try (Admin admin = kafka.admin(Map.of())) {
            admin.createTopics(List.of(new NewTopic("sasl-test", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (Producer<String, String> producer = kafka.producer(Map.of("acks", "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("sasl-test", "key", "signed in")).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = kafka.consumer(Map.of(), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition("sasl-test", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<String> values = new ArrayList<>();
            for (int polls = 0; polls < 100 && values.isEmpty(); polls++) {
                consumer.poll(Duration.ofMillis(300)).forEach((ConsumerRecord<String, String> r) -> values.add(r.value()));
            }
            assertThat(values).containsExactly("signed in");
        }
    }

    @Test
    void adminWhenPasswordIsWrongThenRefusedByTheBroker() {
        try (Admin admin = as("mayfly", "wrong").admin(Map.of())) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }
}
