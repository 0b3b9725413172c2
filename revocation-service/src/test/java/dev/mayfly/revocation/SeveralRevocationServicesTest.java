package dev.mayfly.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.embedded.FreePorts;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.runtime.audit.CallLimits;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Two revocation services on one event store, as a rolling deploy runs them for a while: one republishes the rules in
 * force and the feed's state, the other stands by (two republishing at once could put back a rule just lifted, or a
 * feed state older than the other's, which followers refuse), and takes over as soon as the first stops.
 */
class SeveralRevocationServicesTest {

    @Test
    void startWhenAnotherServiceOnTheStoreRepublishesThenThisOneStandsByAndTakesOverWhenItStops() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "several-revocation-");
        PrivateFiles.write(home.resolve("revocation.credential"), "revocation:not-used-by-this-test\n");
        DatabaseSettings database = new DatabaseSettings(SharedInfrastructure.postgres().database("several_revocation"), "postgres", "postgres", 4);
        KafkaCluster kafka = KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers());

        RevocationService second;
        try (RevocationService first = RevocationService.start(settings(database, kafka, home), Clock.systemUTC())) {
            second = RevocationService.start(settings(database, kafka, home), Clock.systemUTC());

            assertThat(first.republishesRules()).isTrue();
            assertThat(second.republishesRules()).isFalse();
            assertThat(second.publishesRuleEvents()).as("standing by, it never claims the stream of rule events").isFalse();
        }
        try (RevocationService takenOver = second) {
            Instant deadline = Instant.now().plusSeconds(30);
            // the lease is held from the moment it is taken; the publisher runs once the rules are republished
            while (!(takenOver.republishesRules() && takenOver.publishesRuleEvents()) && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(takenOver.republishesRules()).as("taken over once the first stopped").isTrue();
            assertThat(takenOver.publishesRuleEvents()).isTrue();
        }
    }

    @Test
    void leaseWhenItsConnectionIsLostThenItsHolderStandsByWhileTheOtherTakesOver() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "several-revocation-");
        PrivateFiles.write(home.resolve("revocation.credential"), "revocation:not-used-by-this-test\n");
        String url = SharedInfrastructure.postgres().database("several_revocation_lost");
        DatabaseSettings database = new DatabaseSettings(url, "postgres", "postgres", 4);
        KafkaCluster kafka = KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers());

        try (RevocationService first = RevocationService.start(settings(database, kafka, home), Clock.systemUTC());
             RevocationService second = RevocationService.start(settings(database, kafka, home), Clock.systemUTC())) {
            // what a database restart or a cut connection does to the lease: the lock is free, the first process runs on
            dropLeaseConnection(url);

            Instant deadline = Instant.now().plusSeconds(30);
            while (!(second.republishesRules() && !first.republishesRules()) && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(second.republishesRules()).as("the lock is free: the second takes it over").isTrue();
            assertThat(first.republishesRules()).as("the first no longer holds the lock").isFalse();
            assertThat(first.publishesRuleEvents()).as("the first publishes no rule event whose state it would not publish").isFalse();
        }
    }

    private static void dropLeaseConnection(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
             Statement statement = connection.createStatement();
             ResultSet dropped = statement.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                     + " AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            assertThat(dropped.next()).as("the lease's connection").isTrue();
        }
    }

    private static RevocationSettings settings(DatabaseSettings database, KafkaCluster kafka, Path home) {
        return new RevocationSettings("127.0.0.1", FreePorts.next(), database, kafka, (short) 1, 3, "http://127.0.0.1:9",
                CallLimits.Limits.DEFAULT, home.resolve("revocation.credential"));
    }
}
