package dev.mayfly.revocationfeed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.Json;
import dev.mayfly.contract.RevocationRule;
import dev.mayfly.contract.Topics;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.kafka.signed.RecordVerifier;
import dev.mayfly.kafka.signed.RefusedRecords;
import dev.mayfly.signing.PublicKeyFile;
import dev.mayfly.signing.PublishedKeyRing;
import dev.mayfly.signing.SigningKeyRing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The revocation feed as every issuer and verifier runs it, against records an attacker writes straight to the broker
 * with a plain producer: none of them changes the index, and each is counted. A record the revocation service signed
 * after them (a sentinel) shows the feed has read past them.
 */
class SignedRevocationFeedTest {

    private static final KafkaCluster KAFKA = KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers());
    private static final String ACCOUNT = "111111111111";
    private static RecordSigner revocationService;
    private static Path revocationPublicKeys;
    private final RevocationIndex index = new RevocationIndex();
    private final RefusedRecords refused = new RefusedRecords();
    private CompactedTopicFeed feed;
    private long refusedBefore;

    @BeforeAll
    static void topicAndProducerKeys() throws Exception {
        try (Admin admin = KAFKA.admin(Map.of())) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(Topics.REVOCATIONS)) {
                admin.createTopics(List.of(new NewTopic(Topics.REVOCATIONS, 1, (short) 1)
                        .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
            }
        }
        Path keys = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "revocation-keys-");
        PublishedKeyRing ring = new PublishedKeyRing(keys.resolve("revocation-signing.keys"), keys.resolve("revocation-signing.pub"));
        revocationService = new RecordSigner(ring.loadOrCreate(Instant.now()), Clock.systemUTC());
        revocationPublicKeys = ring.publicFile();
    }

    @BeforeEach
    void follow() throws Exception {
        feed = CompactedTopicFeed.revocations(KAFKA, index, new RecordVerifier(List.of(PublicKeyFile.watch(revocationPublicKeys)), refused));
        assertThat(feed.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
        refusedBefore = refused.count(Topics.REVOCATIONS);
    }

    @AfterEach
    void stop() throws Exception {
        feed.close();
    }

    @Test
    void feedWhenRuleUnsignedThenNotInTheIndexAndCounted() throws Exception {
        String ruleId = id();
        try (Producer<String, byte[]> attacker = producer()) {
            attacker.send(new ProducerRecord<>(Topics.REVOCATIONS, ruleId, json(rule(ruleId)))).get();
        }
        readPastWhatWasSent();
        assertThat(holds(ruleId)).isFalse();
        assertThat(refused.count(Topics.REVOCATIONS) - refusedBefore).isEqualTo(1);
    }

    @Test
    void feedWhenLiftSignedWithTheAttackersOwnKeyThenTheRuleStillHoldsAndCounted() throws Exception {
        String ruleId = id();
        RecordSigner attackerKeys = new RecordSigner(SigningKeyRing.parse(SigningKeyRing.newKeyLine(Instant.now())), Clock.systemUTC());
        try (Producer<String, byte[]> producer = producer()) {
            producer.send(revocationService.sign(new ProducerRecord<>(Topics.REVOCATIONS, ruleId, json(rule(ruleId))))).get();
            producer.send(attackerKeys.sign(new ProducerRecord<>(Topics.REVOCATIONS, ruleId, null))).get();
        }
        readPastWhatWasSent();
        assertThat(holds(ruleId)).isTrue();
        assertThat(refused.count(Topics.REVOCATIONS) - refusedBefore).isEqualTo(1);
    }

    @Test
    void feedWhenValidSignatureMovedToAnotherRuleIdThenRefusedAndCounted() throws Exception {
        String ruleId = id();
        String otherRuleId = id();
        try (Producer<String, byte[]> producer = producer()) {
            producer.send(revocationService.sign(new ProducerRecord<>(Topics.REVOCATIONS, ruleId, json(rule(ruleId))))).get();
            // the lift of a rule that was lifted, its signature and headers copied onto the id of a rule in force
            ProducerRecord<String, byte[]> lift = revocationService.sign(new ProducerRecord<>(Topics.REVOCATIONS, otherRuleId, null));
            producer.send(new ProducerRecord<>(Topics.REVOCATIONS, null, ruleId, null, lift.headers())).get();
        }
        readPastWhatWasSent();
        assertThat(holds(ruleId)).isTrue();
        assertThat(refused.count(Topics.REVOCATIONS) - refusedBefore).isEqualTo(1);
    }

    @Test
    void feedWhenOldValidRuleReplayedAfterItsLiftThenStillLiftedAndCounted() throws Exception {
        String ruleId = id();
        try (Producer<String, byte[]> producer = producer()) {
            ProducerRecord<String, byte[]> created = revocationService.sign(new ProducerRecord<>(Topics.REVOCATIONS, ruleId, json(rule(ruleId))));
            producer.send(created).get();
            producer.send(revocationService.sign(new ProducerRecord<>(Topics.REVOCATIONS, ruleId, null))).get();
            // the attacker publishes the rule's old, validly signed record again
            producer.send(new ProducerRecord<>(Topics.REVOCATIONS, null, ruleId, created.value(), created.headers())).get();
        }
        readPastWhatWasSent();
        assertThat(holds(ruleId)).isFalse();
        assertThat(refused.count(Topics.REVOCATIONS) - refusedBefore).isEqualTo(1);
    }

    /**
     * Records the revocation service's key signed but that no rule can be made of (its own bug, or its key in the wrong
     * hands): each is set aside and counted, and the feed goes on for every account's rules after them.
     */
    @Test
    void feedWhenSignedRecordsCannotBeAppliedThenSkippedCountedAndTheFeedGoesOn() throws Exception {
        String ruleId = id();
        String elsewhere = id();
        RevocationRule withoutTime = new RevocationRule(ruleId, ACCOUNT, RevocationRule.Scope.PRINCIPAL, principal(ruleId), null,
                Instant.now(), "arn:aws:iam::" + ACCOUNT + ":root", "test", null, RevocationRule.Kind.REVOKE);
        try (Producer<String, byte[]> producer = producer()) {
            producer.send(revocationService.sign(new ProducerRecord<>(Topics.REVOCATIONS, id(), "null".getBytes()))).get();
            producer.send(revocationService.sign(new ProducerRecord<>(Topics.REVOCATIONS, id(), "{\"ruleId\":null}".getBytes()))).get();
            producer.send(revocationService.sign(new ProducerRecord<>(Topics.REVOCATIONS, ruleId, json(withoutTime)))).get();
            // a rule under another rule's key: the tombstone of its key would never remove it
            producer.send(revocationService.sign(new ProducerRecord<>(Topics.REVOCATIONS, id(), json(rule(elsewhere))))).get();
        }
        readPastWhatWasSent();
        assertThat(holds(ruleId)).isFalse();
        assertThat(holds(elsewhere)).isFalse();
        assertThat(refused.count(Topics.REVOCATIONS) - refusedBefore).isEqualTo(4);
    }

    /** Publishes a rule signed by the revocation service and waits until the feed applied it: it read everything before. */
    private void readPastWhatWasSent() throws Exception {
        String sentinel = id();
        try (Producer<String, byte[]> producer = producer()) {
            producer.send(revocationService.sign(new ProducerRecord<>(Topics.REVOCATIONS, sentinel, json(rule(sentinel))))).get();
        }
        eventually(() -> holds(sentinel));
    }

    /** Whether the index refuses the session the rule names: each rule names a principal of its own. */
    private boolean holds(String ruleId) {
        return index.denying(new SessionFacts(ACCOUNT, null, principal(ruleId), "ASIAX", null, Map.of(),
                Instant.now().minusSeconds(60), null)).isPresent();
    }

    private static RevocationRule rule(String ruleId) {
        Instant now = Instant.now();
        return new RevocationRule(ruleId, ACCOUNT, RevocationRule.Scope.PRINCIPAL, principal(ruleId), now, now,
                "arn:aws:iam::" + ACCOUNT + ":root", "test", now.plusSeconds(3600), RevocationRule.Kind.REVOKE);
    }

    private static String principal(String ruleId) {
        return "arn:aws:sts::" + ACCOUNT + ":assumed-role/r/" + ruleId;
    }

    private static byte[] json(RevocationRule rule) throws Exception {
        return Json.mapper().writeValueAsBytes(rule);
    }

    private static String id() {
        return "rr-" + UUID.randomUUID();
    }

    private static Producer<String, byte[]> producer() {
        return KAFKA.producer(Map.of(), new StringSerializer(), new ByteArraySerializer());
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition met within 30 s").isBefore(deadline);
            Thread.sleep(50);
        }
    }
}
