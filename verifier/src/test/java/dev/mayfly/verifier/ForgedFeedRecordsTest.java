package dev.mayfly.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.Json;
import dev.mayfly.contract.PolicySnapshot;
import dev.mayfly.contract.RevocationFeedState;
import dev.mayfly.contract.RevocationRule;
import dev.mayfly.contract.ServiceCredential;
import dev.mayfly.contract.Topics;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.signing.PublishedKeyRing;
import dev.mayfly.signing.SigningKeyRing;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A verifier's feeds against an attacker on the Kafka network who writes with a plain producer: a policy snapshot that
 * allows everything (unsigned, signed with a key of its own, a valid signature moved to another ARN, a deleted role's
 * snapshot published again), lifts of a revocation, and a lifted rule published again. None reaches the verifier's indexes; each is counted. A record
 * the producer signed after them (a sentinel) shows the verifier has read past them: the state expected once it is
 * applied (what the verifier knows, what it refused) is one that no moment before it has.
 */
class ForgedFeedRecordsTest {

    private static final KafkaCluster KAFKA = KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers());
    private static final String ACCOUNT = "111111111111";
    private static final String ALLOW_ALL = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";
    private static RecordSigner issuer;
    private static RecordSigner revocationService;
    private static final RecordSigner ATTACKER = new RecordSigner(SigningKeyRing.parse(SigningKeyRing.newKeyLine(Instant.now())),
            Clock.systemUTC());
    private static Verifier verifier;

    @BeforeAll
    static void start() throws Exception {
        try (Admin admin = KAFKA.admin(Map.of())) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = List.of(Topics.POLICIES, Topics.REVOCATIONS).stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))).toList();
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        }
        Path keys = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "verifier-keys-");
        PublishedKeyRing issuerKeys = new PublishedKeyRing(keys.resolve("issuer-signing.keys"), keys.resolve("issuer-signing.pub"));
        issuer = new RecordSigner(issuerKeys.loadOrCreate(Instant.now()), Clock.systemUTC());
        revocationService = new RecordSigner(new PublishedKeyRing(keys.resolve("revocation-signing.keys"),
                keys.resolve("revocation-signing.pub")).loadOrCreate(Instant.now()), Clock.systemUTC());
        verifier = Verifier.start(new VerifierSettings(KAFKA, new IssuerConnection(URI.create("http://127.0.0.1:1"),
                new ServiceCredential("notes", "0".repeat(64)), null), issuerKeys.publicFile(), Duration.ofSeconds(30)), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        verifier.close();
    }

    @Test
    void policyFeedWhenSnapshotUnsignedOrSignedWithTheAttackersKeyThenNotKnownAndCounted() throws Exception {
        int knownBefore = verifier.knownPolicies();
        long refusedBefore = verifier.refusedRecords(Topics.POLICIES);
        try (Producer<String, byte[]> producer = producer()) {
            String arn = roleArn();
            producer.send(new ProducerRecord<>(Topics.POLICIES, arn, snapshot(arn))).get();
            producer.send(ATTACKER.sign(new ProducerRecord<>(Topics.POLICIES, arn, snapshot(arn)))).get();
            sendSentinel(producer);
        }
        awaitPolicies(knownBefore + 1, refusedBefore + 2);
    }

    @Test
    void policyFeedWhenValidSignatureMovedToAnotherArnThenNotKnownAndCounted() throws Exception {
        int knownBefore = verifier.knownPolicies();
        long refusedBefore = verifier.refusedRecords(Topics.POLICIES);
        try (Producer<String, byte[]> producer = producer()) {
            String arn = roleArn();
            ProducerRecord<String, byte[]> signed = issuer.sign(new ProducerRecord<>(Topics.POLICIES, arn, snapshot(arn)));
            producer.send(signed).get();
            producer.send(new ProducerRecord<>(Topics.POLICIES, null, roleArn(), signed.value(), signed.headers())).get();
            sendSentinel(producer);
        }
        awaitPolicies(knownBefore + 2, refusedBefore + 1);
    }

    @Test
    void policyFeedWhenDeletedRolesOldSnapshotReplayedThenStillGoneAndCounted() throws Exception {
        int knownBefore = verifier.knownPolicies();
        long refusedBefore = verifier.refusedRecords(Topics.POLICIES);
        try (Producer<String, byte[]> producer = producer()) {
            String arn = roleArn();
            ProducerRecord<String, byte[]> created = issuer.sign(new ProducerRecord<>(Topics.POLICIES, arn, snapshot(arn)));
            producer.send(created).get();
            producer.send(issuer.sign(new ProducerRecord<>(Topics.POLICIES, arn, null))).get();
            producer.send(new ProducerRecord<>(Topics.POLICIES, null, arn, created.value(), created.headers())).get();
            sendSentinel(producer);
        }
        awaitPolicies(knownBefore + 1, refusedBefore + 1);
    }

    @Test
    void revocationFeedWhenLiftUnsignedOrSignedByTheIssuerOrTheAttackerThenRuleStillHeldAndCounted() throws Exception {
        int rulesBefore = verifier.knownRevocationRules();
        long refusedBefore = verifier.refusedRecords(Topics.REVOCATIONS);
        try (Producer<String, byte[]> producer = producer()) {
            String ruleId = "rr-" + UUID.randomUUID();
            producer.send(revocationService.sign(new ProducerRecord<>(Topics.REVOCATIONS, ruleId, rule(ruleId)))).get();
            producer.send(new ProducerRecord<>(Topics.REVOCATIONS, ruleId, null)).get();
            producer.send(ATTACKER.sign(new ProducerRecord<>(Topics.REVOCATIONS, ruleId, null))).get();
            // the issuer produces other topics, never this one
            producer.send(issuer.sign(new ProducerRecord<>(Topics.REVOCATIONS, ruleId, null))).get();
            String sentinel = "rr-" + UUID.randomUUID();
            producer.send(revocationService.sign(new ProducerRecord<>(Topics.REVOCATIONS, sentinel, rule(sentinel)))).get();
        }
        eventually(() -> verifier.knownRevocationRules() == rulesBefore + 2 && verifier.refusedRecords(Topics.REVOCATIONS) == refusedBefore + 3);
    }

    @Test
    void revocationFeedWhenLiftedRulesOldRecordReplayedThenStillLiftedAndCounted() throws Exception {
        int rulesBefore = verifier.knownRevocationRules();
        long refusedBefore = verifier.refusedRecords(Topics.REVOCATIONS);
        try (Producer<String, byte[]> producer = producer()) {
            String ruleId = "rr-" + UUID.randomUUID();
            ProducerRecord<String, byte[]> created = revocationService.sign(new ProducerRecord<>(Topics.REVOCATIONS, ruleId, rule(ruleId)));
            producer.send(created).get();
            producer.send(revocationService.sign(new ProducerRecord<>(Topics.REVOCATIONS, ruleId, null))).get();
            producer.send(new ProducerRecord<>(Topics.REVOCATIONS, null, ruleId, created.value(), created.headers())).get();
            String sentinel = "rr-" + UUID.randomUUID();
            producer.send(revocationService.sign(new ProducerRecord<>(Topics.REVOCATIONS, sentinel, rule(sentinel)))).get();
        }
        eventually(() -> verifier.knownRevocationRules() == rulesBefore + 1 && verifier.refusedRecords(Topics.REVOCATIONS) == refusedBefore + 1);
    }

    @Test
    void revocationFeedWhenStateForgedThenRefusedAndWhenSignedStateGoesBackwardsThenBrokenUntilAsNewAgain() throws Exception {
        long refusedBefore = verifier.refusedRecords(Topics.REVOCATIONS);
        long epoch = System.currentTimeMillis();
        try (Producer<String, byte[]> producer = producer()) {
            producer.send(revocationService.sign(state(epoch))).get();
            producer.send(ATTACKER.sign(state(1))).get();
            producer.send(state(1)).get();
        }
        eventually(() -> verifier.refusedRecords(Topics.REVOCATIONS) == refusedBefore + 2);
        assertThat(verifier.revocationFeedBroken()).isEmpty();

        try (Producer<String, byte[]> producer = producer()) {
            producer.send(revocationService.sign(state(epoch - 1))).get();
        }
        eventually(() -> verifier.revocationFeedBroken().isPresent());
        try (Producer<String, byte[]> producer = producer()) {
            producer.send(revocationService.sign(state(epoch))).get();
        }
        eventually(() -> verifier.revocationFeedBroken().isEmpty());
    }

    /** The feed's state as the revocation service publishes it; no rules counted, so that other tests' rules do not matter. */
    private static ProducerRecord<String, byte[]> state(long epoch) throws Exception {
        return new ProducerRecord<>(Topics.REVOCATIONS, RevocationFeedState.KEY, Json.mapper().writeValueAsBytes(new RevocationFeedState(epoch, 0)));
    }

    /** Publishes a snapshot of a new role, signed by the issuer, after what the test wrote. */
    private static void sendSentinel(Producer<String, byte[]> producer) throws Exception {
        String sentinel = roleArn();
        producer.send(issuer.sign(new ProducerRecord<>(Topics.POLICIES, sentinel, snapshot(sentinel)))).get();
    }

    /** Waits until the verifier knows as many snapshots and refused as many records as it should once past the sentinel. */
    private static void awaitPolicies(int known, long refused) throws InterruptedException {
        eventually(() -> verifier.knownPolicies() == known && verifier.refusedRecords(Topics.POLICIES) == refused);
    }

    private static String roleArn() {
        return "arn:aws:iam::" + ACCOUNT + ":role/r-" + UUID.randomUUID();
    }

    private static byte[] snapshot(String arn) throws Exception {
        return Json.mapper().writeValueAsBytes(new PolicySnapshot(arn, ACCOUNT, PolicySnapshot.Kind.ROLE, "AROA" + arn.hashCode(),
                Map.of(), List.of(new PolicySnapshot.LabeledPolicy("inline policy all", ALLOW_ALL)), null, Instant.now()));
    }

    private static byte[] rule(String ruleId) throws Exception {
        Instant now = Instant.now();
        return Json.mapper().writeValueAsBytes(new RevocationRule(ruleId, ACCOUNT, RevocationRule.Scope.ACCOUNT, ACCOUNT, now, now,
                "arn:aws:iam::" + ACCOUNT + ":root", "drill", now.plusSeconds(3600), RevocationRule.Kind.REVOKE));
    }

    private static Producer<String, byte[]> producer() {
        return KAFKA.producer(Map.of(), new StringSerializer(), new ByteArraySerializer());
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition met within 30 s (known %d, refused %d policy and %d revocation records)",
                    verifier.knownPolicies(), verifier.refusedRecords(Topics.POLICIES), verifier.refusedRecords(Topics.REVOCATIONS))
                    .isBefore(deadline);
            Thread.sleep(50);
        }
    }
}
