package dev.mayfly.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.Topics;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.kafka.signed.RecordVerifier;
import dev.mayfly.kafka.signed.RefusedRecords;
import dev.mayfly.runtime.KafkaTopics;
import dev.mayfly.signing.PublicKeyFile;
import dev.mayfly.signing.PublishedKeyRing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * What makes a rule created through a process standing by count as published: its record on mayfly.revocations, signed
 * by the revocation service. A record anyone else wrote under the rule's id (whoever can write to the topic) does not.
 */
class PublishedRulesTest {

    private static final KafkaCluster KAFKA = KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers());

    @Test
    void followWhenAnUnsignedRecordNamesAPendingRuleThenStillPendingUntilTheSignedOneArrives() throws Exception {
        KafkaTopics.ensure(KAFKA, KafkaTopics.mayflyTopics(3, (short) 1));
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "published-rules-");
        PublishedKeyRing keys = new PublishedKeyRing(home.resolve("revocation-signing.keys"), home.resolve("revocation-signing.pub"));
        RecordSigner signer = new RecordSigner(keys.loadOrCreate(Instant.now()), Clock.systemUTC());
        RulePublication publication = new RulePublication();
        String ruleId = "rr-" + UUID.randomUUID();
        publication.expect(ruleId);
        byte[] rule = "{\"ruleId\":\"%s\"}".formatted(ruleId).getBytes(StandardCharsets.UTF_8);

        try (PublishedRules ignored = PublishedRules.follow(KAFKA, new RecordVerifier(List.of(PublicKeyFile.watch(keys.publicFile())),
                new RefusedRecords()), publication);
             Producer<String, byte[]> producer = KAFKA.producer(Map.of(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.REVOCATIONS, ruleId, rule)).get();
            assertThat(publication.await(ruleId, Duration.ofSeconds(2))).as("unsigned").isEqualTo(RulePublication.State.PENDING);

            producer.send(signer.sign(new ProducerRecord<>(Topics.REVOCATIONS, ruleId, rule))).get();
            assertThat(publication.await(ruleId, Duration.ofSeconds(30))).isEqualTo(RulePublication.State.PUBLISHED);
        }
    }
}
