package dev.mayfly.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.Json;
import dev.mayfly.contract.RevocationFeedState;
import dev.mayfly.contract.RevocationRule;
import dev.mayfly.contract.Topics;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.revocation.api.RevocationEvents.RuleCreated;
import dev.mayfly.revocation.api.RevocationEvents.RuleLifted;
import dev.mayfly.runtime.KafkaTopics;
import dev.mayfly.signing.SigningKeyRing;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import dev.mayfly.embedded.FreePorts;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.kafka.signed.RecordVerifier;
import dev.mayfly.kafka.signed.RefusedRecords;
import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.revocationfeed.CompactedTopicFeed;
import dev.mayfly.revocationfeed.FeedContinuity;
import dev.mayfly.revocationfeed.Freshness;
import dev.mayfly.revocationfeed.RevocationIndex;
import dev.mayfly.runtime.audit.CallLimits;
import dev.mayfly.signing.PublicKeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * The revocation service's half of a feed that cannot silently empty, with the real service, broker and database: a
 * follower that read its state refuses the feed once mayfly.revocations is deleted and re-created under it, and trusts it
 * again once the service restarts and publishes its rules and state again.
 */
class FeedStatePublicationTest {

    private static final String KAFKA_SERVERS = SharedInfrastructure.kafka().bootstrapServers();
    private static final KafkaCluster KAFKA = KafkaCluster.plaintext(KAFKA_SERVERS);
    private static final String ACCOUNT = "111122223333";

    @Test
    void startWhenTopicWasRecreatedUnderFollowersThenTheyRefuseUntilTheServiceRepublishes() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "revocation-feed-state-");
        PrivateFiles.write(home.resolve("revocation.credential"), "revocation:not-used-by-this-test\n");
        RevocationSettings settings = new RevocationSettings("127.0.0.1", FreePorts.next(),
                new DatabaseSettings(SharedInfrastructure.postgres().database("feed_state_revocation"), "postgres", "postgres", 4),
                KAFKA, (short) 1, 3, "http://127.0.0.1:9", CallLimits.Limits.DEFAULT, home.resolve("revocation.credential"));
        RevocationIndex index = new RevocationIndex();
        FeedContinuity continuity = FeedContinuity.inMemory(index::size);
        try (RevocationService first = RevocationService.start(settings, Clock.systemUTC())) {
            assertThat(first.port()).isPositive();
        }
        CompactedTopicFeed follower = CompactedTopicFeed.revocations(KAFKA, index,
                new RecordVerifier(List.of(PublicKeyFile.watch(settings.signingPublicKeysFile())), new RefusedRecords()), continuity);
        try {
            assertThat(follower.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            Freshness freshness = new Freshness(follower::freshAsOf, Duration.ofSeconds(30), true);
            assertThat(continuity.broken()).isEmpty();

            try (Admin admin = KAFKA.admin(Map.of())) {
                admin.deleteTopics(List.of(Topics.REVOCATIONS)).all().get(30, TimeUnit.SECONDS);
                eventually(() -> !topicExists(admin));
                admin.createTopics(List.of(new NewTopic(Topics.REVOCATIONS, 1, (short) 1)
                        .configs(Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0")))).all().get(30, TimeUnit.SECONDS);
            }
            eventually(() -> continuity.broken().isPresent());
            assertThat(freshness.refusesSessions(Instant.now())).isTrue();

            try (RevocationService restarted = RevocationService.start(settings, Clock.systemUTC())) {
                eventually(() -> continuity.broken().isEmpty());
                eventually(() -> !freshness.refusesSessions(Instant.now()));
            }
        } finally {
            follower.close();
        }
    }

    @Test
    void acknowledgedWhenRulesCreatedAndLiftedThenTheStateFollowsWithTheirPositions() throws Exception {
        KafkaTopics.ensure(KAFKA, KafkaTopics.mayflyTopics(3, (short) 1));
        RecordSigner signer = new RecordSigner(SigningKeyRing.parse(SigningKeyRing.newKeyLine(Instant.now())), Clock.systemUTC());
        RevocationRule first = rule("rr-first-" + UUID.randomUUID());
        RevocationRule second = rule("rr-second-" + UUID.randomUUID());
        try (Producer<String, byte[]> producer = KAFKA.producer(Map.of(), new StringSerializer(), new ByteArraySerializer());
             FeedStatePublication publication = new FeedStatePublication(producer, signer)) {
            // acknowledged before the start-up republish: already in the state it makes
            publication.acknowledged(tracked(3, new RuleCreated(rule("rr-before-" + UUID.randomUUID()))));
            publication.republished(List.of(first), 5);
            assertThat(newestState()).isEqualTo(new RevocationFeedState(5, 1));

            publication.acknowledged(tracked(7, new RuleCreated(second)));
            eventually(() -> new RevocationFeedState(7, 2).equals(newestState()));
            publication.acknowledged(tracked(8, new RuleLifted(first.ruleId(), ACCOUNT, "test", Instant.now())));
            eventually(() -> new RevocationFeedState(8, 1).equals(newestState()));
            // a batch sent again: acknowledged twice, counted once, the epoch where it was
            publication.acknowledged(tracked(7, new RuleCreated(second)));
            publication.acknowledged(tracked(8, new RuleLifted(first.ruleId(), ACCOUNT, "test", Instant.now())));
            publication.acknowledged(tracked(9, new RuleLifted(second.ruleId(), ACCOUNT, "test", Instant.now())));
            eventually(() -> new RevocationFeedState(9, 0).equals(newestState()));
        }
    }

    private static RevocationRule rule(String ruleId) {
        Instant now = Instant.now();
        return new RevocationRule(ruleId, ACCOUNT, RevocationRule.Scope.ACCOUNT, ACCOUNT, now, now, "arn:aws:iam::" + ACCOUNT + ":root",
                "test", now.plusSeconds(3600), RevocationRule.Kind.REVOKE);
    }

    private static TrackedEventMessage<?> tracked(long position, Object payload) {
        return new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position), GenericEventMessage.asEventMessage(payload));
    }

    /** The last state on the topic, read from its start. */
    private static RevocationFeedState newestState() {
        try (KafkaConsumer<String, byte[]> consumer = KAFKA.consumer(Map.of(), new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(Topics.REVOCATIONS, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            RevocationFeedState newest = null;
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (RevocationFeedState.KEY.equals(record.key())) {
                        newest = Json.mapper().readValue(record.value(), RevocationFeedState.class);
                    }
                }
            }
            return newest;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean topicExists(Admin admin) {
        try {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(Topics.REVOCATIONS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition met within 60 s").isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
