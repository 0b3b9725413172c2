package dev.mayfly.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.embedded.FreePorts;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.runtime.audit.CallLimits;
import java.nio.file.Files;
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
        }
        try (RevocationService takenOver = second) {
            Instant deadline = Instant.now().plusSeconds(30);
            while (!takenOver.republishesRules() && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(takenOver.republishesRules()).as("taken over once the first stopped").isTrue();
        }
    }

    private static RevocationSettings settings(DatabaseSettings database, KafkaCluster kafka, Path home) {
        return new RevocationSettings("127.0.0.1", FreePorts.next(), database, kafka, (short) 1, 3, "http://127.0.0.1:9",
                CallLimits.Limits.DEFAULT, home.resolve("revocation.credential"));
    }
}
