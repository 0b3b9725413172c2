package dev.mayfly.dev;

import static dev.mayfly.dev.Tenants.root;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import dev.mayfly.contract.Topics;
import dev.mayfly.dev.StoppablePlatform.Part;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.kafka.signed.RecordVerifier;
import dev.mayfly.kafka.signed.RefusedRecords;
import dev.mayfly.signing.PublicKeyFile;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The upgrade path of signed feeds: a revocation service that starts publishes every rule in force again, signed, so that
 * what consumers apply is a record newer than any written before (unsigned ones among them); a lifted rule stays lifted.
 */
class RevocationRepublishTest {

    @Test
    void revocationServiceWhenRestartedThenRulesInForcePublishedAgainSignedAndNewerAndLiftedOnesNot() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "republish-");
        try (StoppablePlatform platform = new StoppablePlatform(home, Duration.ofSeconds(30), Duration.ofSeconds(60))) {
            NewAccount account = platform.issuer().accounts().create("republish");
            SignedJsonClient client = new SignedJsonClient(root(account), "revocation");
            String inForce = ruleId(client.send("POST", URI.create(platform.revocationUrl() + "/rules"),
                    "{\"Scope\":\"Account\",\"Target\":\"" + account.accountId() + "\"}"));
            String lifted = ruleId(client.send("POST", URI.create(platform.revocationUrl() + "/rules"),
                    "{\"Scope\":\"Principal\",\"Target\":\"arn:aws:iam::" + account.accountId() + ":user/u\"}"));
            assertThat(client.send("DELETE", URI.create(platform.revocationUrl() + "/rules/" + lifted), null).statusCode()).isLessThan(300);
            // the lift's tombstone reaches Kafka shortly after its answer
            Map<String, List<OptionalLong>> before = PlatformEndToEndTest.eventually(Duration.ofSeconds(30), () -> {
                Map<String, List<OptionalLong>> records = signedAtByRule(platform, home);
                return records.getOrDefault(lifted, List.of()).size() == 2 ? records : null;
            });

            platform.stop(Part.REVOCATION);
            platform.start(Part.REVOCATION);

            Map<String, List<OptionalLong>> after = signedAtByRule(platform, home);
            assertThat(after.get(inForce)).as("published once more, signed").hasSize(before.get(inForce).size() + 1)
                    .allMatch(OptionalLong::isPresent);
            assertThat(after.get(inForce).getLast().getAsLong()).isGreaterThan(before.get(inForce).getLast().getAsLong());
            assertThat(after.get(lifted)).as("created and lifted, nothing since").isEqualTo(before.get(lifted)).hasSize(2);
        }
    }

    private static String ruleId(HttpResponse<String> created) throws Exception {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = Json.mapper().readTree(created.body());
        return body.path("RuleId").asText();
    }

    /** Every record of mayfly.revocations by rule id, in order: when the revocation service signed it (empty: it did not). */
    private static Map<String, List<OptionalLong>> signedAtByRule(StoppablePlatform platform, Path home) {
        RecordVerifier verifier = new RecordVerifier(List.of(PublicKeyFile.watch(home.resolve("revocation-signing.pub"))), new RefusedRecords());
        Map<String, List<OptionalLong>> byRule = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = platform.kafka().consumer(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(Topics.REVOCATIONS, 0));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long end = consumer.endOffsets(partitions).get(partitions.getFirst());
            while (consumer.position(partitions.getFirst()) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    byRule.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(verifier.verify(record));
                }
            }
        }
        return byRule;
    }
}
