package dev.mayfly.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.Topics;
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
