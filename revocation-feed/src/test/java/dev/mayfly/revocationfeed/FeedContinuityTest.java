package dev.mayfly.revocationfeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.contract.Json;
import dev.mayfly.contract.RevocationFeedState;
import dev.mayfly.contract.RevocationRule;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.kafka.signed.RecordVerifier;
import dev.mayfly.kafka.signed.RefusedRecords;
import dev.mayfly.signing.PublicKeyFile;
import dev.mayfly.signing.PublishedKeyRing;
import dev.mayfly.signing.SigningKeyRing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * The revocation feed cannot silently empty: against the real broker, on a topic of each test's own (so that deleting it
 * touches no other test), a feed that read the revocation service's state refuses to be fresh once the topic goes
 * backwards, is re-created or lost rules, and is fresh again once the service publishes its rules and state again.
 */
class FeedContinuityTest {

    private static final KafkaCluster KAFKA = KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers());
    private static final String ACCOUNT = "111111111111";
    private static RecordSigner revocationService;
    private static Path revocationPublicKeys;
    private static Path home;
    private final RevocationIndex index = new RevocationIndex();
    private final RefusedRecords refused = new RefusedRecords();
    private final List<CompactedTopicFeed> feeds = new ArrayList<>();
    private String topic;

    @BeforeAll
    static void producerKeys() throws Exception {
        home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "feed-continuity-");
        PublishedKeyRing ring = new PublishedKeyRing(home.resolve("revocation-signing.keys"), home.resolve("revocation-signing.pub"));
        revocationService = new RecordSigner(ring.loadOrCreate(Instant.now()), Clock.systemUTC());
        revocationPublicKeys = ring.publicFile();
    }

    @BeforeEach
    void topicOfItsOwn() throws Exception {
        topic = "test.revocations." + UUID.randomUUID();
        createTopic();
    }

    @AfterEach
    void stop() throws Exception {
        for (CompactedTopicFeed feed : feeds) {
            feed.close();
        }
        try (Admin admin = KAFKA.admin(Map.of())) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void feedWhenNoStateWasEverPublishedThenFreshAsBefore() throws Exception {
        publishRule(id());
        FeedContinuity continuity = FeedContinuity.inMemory(index::size);
        CompactedTopicFeed feed = follow(continuity);

        eventually(() -> index.size() == 1);
        assertThat(continuity.broken()).isEmpty();
        assertThat(feed.freshAsOf()).isAfter(Instant.now().minusSeconds(30));
    }

    @Test
    void feedWhenStateGoesBackwardsThenNotFreshUntilAStateAsNewArrives() throws Exception {
        publishRule(id());
        publishState(10, 1);
        FeedContinuity continuity = FeedContinuity.inMemory(index::size);
        CompactedTopicFeed feed = follow(continuity);
        Freshness freshness = new Freshness(feed::freshAsOf, Duration.ofSeconds(30), true);
        assertThat(freshness.refusesSessions(Instant.now())).isFalse();

        publishState(7, 1);
        eventually(() -> continuity.broken().isPresent());
        assertThat(freshness.refusesSessions(Instant.now())).isTrue();
        assertThat(continuity.breaks()).isEqualTo(1);

        publishState(10, 1);
        eventually(() -> continuity.broken().isEmpty());
        eventually(() -> !freshness.refusesSessions(Instant.now()));
    }

    @Test
    void feedWhenTopicDeletedAndRecreatedThenNotFreshUntilTheServicePublishesAgain() throws Exception {
        String ruleId = id();
        publishRule(ruleId);
        publishState(10, 1);
        FeedContinuity continuity = FeedContinuity.inMemory(index::size);
        CompactedTopicFeed feed = follow(continuity);
        publishRule(id());
        publishState(11, 2);
        eventually(() -> index.size() == 2);

        try (Admin admin = KAFKA.admin(Map.of())) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        }
        createTopic();
        // the re-created topic is empty, and the broker answers for it: only the feed's continuity can tell
        eventually(() -> continuity.broken().isPresent());
        assertThat(new Freshness(feed::freshAsOf, Duration.ofSeconds(30), true).refusesSessions(Instant.now())).isTrue();

        // the revocation service restarts: every rule in force again, then its state, at least as new
        publishRule(ruleId);
        publishRule(id());
        publishState(11, 2);
        eventually(() -> continuity.broken().isEmpty());
        eventually(() -> feed.freshAsOf().isAfter(Instant.now().minusSeconds(30)));
    }

    @Test
    void feedWhenItHoldsFewerRulesThanTheStateSaysThenNotFresh() throws Exception {
        publishRule(id());
        publishState(10, 3);
        FeedContinuity continuity = FeedContinuity.inMemory(index::size);
        CompactedTopicFeed feed = follow(continuity);

        // a shortfall must outlast one freshness check (a lift is read just before its state)
        eventually(() -> continuity.broken().isPresent());
        assertThat(feed.freshAsOf()).isEqualTo(Instant.EPOCH);

        publishRule(id());
        publishRule(id());
        eventually(() -> continuity.broken().isEmpty());
    }

    @Test
    void feedWhenStateForgedOrUnsignedThenRefusedAndStillFresh() throws Exception {
        publishRule(id());
        publishState(10, 1);
        FeedContinuity continuity = FeedContinuity.inMemory(index::size);
        follow(continuity);
        long refusedBefore = refused.count(topic);

        RecordSigner attacker = new RecordSigner(SigningKeyRing.parse(SigningKeyRing.newKeyLine(Instant.now())), Clock.systemUTC());
        try (Producer<String, byte[]> producer = producer()) {
            producer.send(attacker.sign(stateRecord(1, 0))).get();
            producer.send(stateRecord(1, 0)).get();
        }
        eventually(() -> refused.count(topic) - refusedBefore == 2);
        publishState(10, 1);
        publishRule(id());
        eventually(() -> index.size() == 2);
        assertThat(continuity.broken()).isEmpty();
        assertThat(continuity.breaks()).isZero();
    }

    @Test
    void feedWhenStartingWithARememberedEpochOnAnEmptiedTopicThenNotFresh() throws Exception {
        Path remembered = home.resolve(UUID.randomUUID() + ".epoch");
        publishRule(id());
        publishState(10, 1);
        FeedContinuity before = FeedContinuity.remembered(index::size, remembered);
        CompactedTopicFeed first = follow(before);
        first.close();
        feeds.remove(first);
        assertThat(Files.readString(remembered)).isEqualTo("10");

        String otherTopic = topic;
        topic = "test.revocations." + UUID.randomUUID();
        createTopic();
        try {
            // a process restarted on an emptied topic: a fresh index, the epoch it remembered
            RevocationIndex emptied = new RevocationIndex();
            FeedContinuity after = FeedContinuity.remembered(emptied::size, remembered);
            CompactedTopicFeed feed = CompactedTopicFeed.revocations(KAFKA, topic, emptied, verifier(), after);
            feeds.add(feed);
            assertThat(feed.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            assertThat(after.broken()).isPresent();
            assertThat(feed.freshAsOf()).isEqualTo(Instant.EPOCH);
        } finally {
            try (Admin admin = KAFKA.admin(Map.of())) {
                admin.deleteTopics(List.of(otherTopic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void stateWhenReadByAFollowerOlderThanStatesThenUnreadableAsARule() throws Exception {
        byte[] state = Json.mapper().writeValueAsBytes(new RevocationFeedState(10, 1));

        assertThatThrownBy(() -> Json.mapper().readValue(state, RevocationRule.class)).isInstanceOf(IOException.class);
        assertThat(Json.mapper().readValue(state, RevocationFeedState.class)).isEqualTo(new RevocationFeedState(10, 1));
    }

    private CompactedTopicFeed follow(FeedContinuity continuity) throws InterruptedException {
        CompactedTopicFeed feed = CompactedTopicFeed.revocations(KAFKA, topic, index, verifier(), continuity);
        feeds.add(feed);
        assertThat(feed.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
        return feed;
    }

    private RecordVerifier verifier() {
        return new RecordVerifier(List.of(PublicKeyFile.watch(revocationPublicKeys)), refused);
    }

    private void createTopic() throws Exception {
        try (Admin admin = KAFKA.admin(Map.of())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    private void publishRule(String ruleId) throws Exception {
        Instant now = Instant.now();
        RevocationRule rule = new RevocationRule(ruleId, ACCOUNT, RevocationRule.Scope.PRINCIPAL,
                "arn:aws:sts::" + ACCOUNT + ":assumed-role/r/" + ruleId, now, now, "arn:aws:iam::" + ACCOUNT + ":root", "test",
                now.plusSeconds(3600), RevocationRule.Kind.REVOKE);
        try (Producer<String, byte[]> producer = producer()) {
            producer.send(revocationService.sign(new ProducerRecord<>(topic, ruleId, Json.mapper().writeValueAsBytes(rule)))).get();
        }
    }

    private void publishState(long epoch, int liveRules) throws Exception {
        try (Producer<String, byte[]> producer = producer()) {
            producer.send(revocationService.sign(stateRecord(epoch, liveRules))).get();
        }
    }

    private ProducerRecord<String, byte[]> stateRecord(long epoch, int liveRules) throws Exception {
        return new ProducerRecord<>(topic, RevocationFeedState.KEY, Json.mapper().writeValueAsBytes(new RevocationFeedState(epoch, liveRules)));
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
