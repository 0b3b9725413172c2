package dev.mayfly.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClusterTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"mayfly\" password=\"s3cret\";";

    @TempDir
    Path dir;

    private static Map<String, String> saslSsl() {
        return Map.of(
                "MAYFLY_KAFKA_BOOTSTRAP", "broker-1:9093,broker-2:9093",
                "MAYFLY_KAFKA_SECURITY_PROTOCOL", "sasl_ssl",
                "MAYFLY_KAFKA_SASL_MECHANISM", "PLAIN",
                "MAYFLY_KAFKA_SASL_JAAS_CONFIG", JAAS,
                "MAYFLY_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/mayfly/kafka-ca.p12",
                "MAYFLY_KAFKA_SSL_TRUSTSTORE_PASSWORD", "trust-pass",
                "MAYFLY_KAFKA_SSL_KEYSTORE_LOCATION", "/etc/mayfly/kafka-client.p12",
                "MAYFLY_KAFKA_SSL_KEYSTORE_PASSWORD", "key-pass");
    }

    @Test
    void clientPropertiesWhenSecurityConfiguredThenCarryItBesideTheBrokersAndTheClientsOwn() {
        KafkaCluster kafka = KafkaCluster.from(saslSsl()::get);

        Properties props = kafka.clientProperties(Map.of("acks", "all"));

        assertThat(props).containsEntry("bootstrap.servers", "broker-1:9093,broker-2:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("ssl.truststore.location", "/etc/mayfly/kafka-ca.p12")
                .containsEntry("ssl.truststore.password", "trust-pass")
                .containsEntry("ssl.keystore.location", "/etc/mayfly/kafka-client.p12")
                .containsEntry("ssl.keystore.password", "key-pass")
                .containsEntry("acks", "all");
    }

    @Test
    void clientsWhenSecurityConfiguredThenEachKindIsMadeWithIt() {
        // a JAAS configuration Kafka cannot parse fails the client's construction: proof that the client got it
        Map<String, String> settings = Map.of("MAYFLY_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "MAYFLY_KAFKA_SASL_MECHANISM", "PLAIN", "MAYFLY_KAFKA_SASL_JAAS_CONFIG", "not a jaas configuration");
        KafkaCluster kafka = KafkaCluster.from(settings::get);
        List<Supplier<AutoCloseable>> clients = List.of(
                () -> kafka.producer(Map.of(), new StringSerializer(), new StringSerializer()),
                () -> kafka.consumer(Map.of(), new StringDeserializer(), new StringDeserializer()),
                () -> kafka.admin(Map.of()));

        for (Supplier<AutoCloseable> client : clients) {
            assertThatThrownBy(client::get).hasStackTraceContaining("JAAS");
        }
    }

    @Test
    void clientsWhenNoSecurityConfiguredThenAreMadeForPlaintext() throws Exception {
        KafkaCluster kafka = KafkaCluster.from(Map.<String, String>of()::get);

        assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(kafka.security().protocol()).isEqualTo("PLAINTEXT");
        try (AutoCloseable producer = kafka.producer(Map.of(), new StringSerializer(), new StringSerializer())) {
            assertThat(producer).isNotNull();
        }
    }

    @Test
    void fromWhenPropertiesFileAndVariablesThenVariablesOverrideTheFile() throws IOException {
        Path file = dir.resolve("kafka-client.properties");
        Files.writeString(file, """
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="from-file" password="p";
                ssl.endpoint.identification.algorithm=https
                """);
        Map<String, String> settings = Map.of("MAYFLY_KAFKA_PROPERTIES_FILE", file.toString(), "MAYFLY_KAFKA_SASL_JAAS_CONFIG", JAAS);

        Properties props = KafkaCluster.from(settings::get).clientProperties(Map.of());

        assertThat(props).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("ssl.endpoint.identification.algorithm", "https");
    }

    @Test
    void clientPropertiesWhenFileSetsWhatMayflyReliesOnThenTheClientsOwnSettingWins() throws IOException {
        Path file = dir.resolve("kafka-client.properties");
        Files.writeString(file, "acks=1\nbootstrap.servers=elsewhere:9092\n");

        Properties props = KafkaCluster.from(Map.of("MAYFLY_KAFKA_PROPERTIES_FILE", file.toString())::get)
                .clientProperties(Map.of("acks", "all"));

        assertThat(props).containsEntry("acks", "all").containsEntry("bootstrap.servers", "127.0.0.1:9092");
    }

    @Test
    void fromWhenSaslSettingsWithoutSaslProtocolThenRefused() {
        Map<String, String> settings = new HashMap<>(saslSsl());
        settings.put("MAYFLY_KAFKA_SECURITY_PROTOCOL", "SSL");

        assertThatThrownBy(() -> KafkaCluster.from(settings::get)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MAYFLY_KAFKA_SECURITY_PROTOCOL").hasMessageNotContaining("s3cret");
    }

    @Test
    void fromWhenKeystoreWithoutTlsThenRefused() {
        Map<String, String> settings = Map.of("MAYFLY_KAFKA_SSL_KEYSTORE_LOCATION", "/etc/mayfly/kafka-client.p12");

        assertThatThrownBy(() -> KafkaCluster.from(settings::get)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SSL or SASL_SSL");
    }

    @Test
    void fromWhenProtocolUnknownThenRefused() {
        assertThatThrownBy(() -> KafkaCluster.from(Map.of("MAYFLY_KAFKA_SECURITY_PROTOCOL", "TLS")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SASL_SSL");
    }

    @Test
    void fromWhenPropertiesFileMissingThenRefused() {
        Map<String, String> settings = Map.of("MAYFLY_KAFKA_PROPERTIES_FILE", dir.resolve("missing.properties").toString());

        assertThatThrownBy(() -> KafkaCluster.from(settings::get)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MAYFLY_KAFKA_PROPERTIES_FILE");
    }

    @Test
    void fromWhenSameSettingsThenEqualClusters() {
        assertThat(KafkaCluster.from(saslSsl()::get)).isEqualTo(KafkaCluster.from(saslSsl()::get))
                .isNotEqualTo(KafkaCluster.plaintext("broker-1:9093,broker-2:9093"));
    }

    @Test
    void toStringWhenSecretsConfiguredThenShowsNoneOfThem() {
        String shown = KafkaCluster.from(saslSsl()::get).toString();

        assertThat(shown).contains("broker-1:9093", "SASL_SSL", "sasl.jaas.config")
                .doesNotContain("s3cret", "trust-pass", "key-pass", "PlainLoginModule");
    }
}
