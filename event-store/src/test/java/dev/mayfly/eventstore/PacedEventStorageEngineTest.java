package dev.mayfly.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.embedded.SharedInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PacedEventStorageEngineTest {

    private static final long MS = 1_000_000;

    private long now;
    private final List<Long> waits = new ArrayList<>();
    private EventStoreDatabase database;
    private JdbcEventStorageEngine engine;

    @BeforeEach
    void openStore() {
        database = EventStoreDatabase.open(new DatabaseSettings(SharedInfrastructure.postgres().database("paced_reads"), "postgres",
                "postgres", 2), "paced-reads");
        engine = AxonConfiguration.storageEngine(AxonConfiguration.connections(database.dataSource()), AxonConfiguration.serializer(),
                new MinimumInterval(Duration.ofMillis(10), () -> now, nanos -> {
                    waits.add(nanos);
                    now += nanos;
                }));
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    @Test
    void readEventsWhenTailingBackToBackThenEachReadWaitsForTheIntervalsEnd() {
        for (int i = 0; i < 3; i++) {
            engine.readEvents(null, true).close();
        }

        assertThat(waits).containsExactly(10 * MS, 10 * MS);
    }

    @Test
    void readEventsWhenReadingWhatIsStoredThenNeverWaits() {
        for (int i = 0; i < 3; i++) {
            try (var events = engine.readEvents(null, false)) {
                events.forEach(event -> { });   // read to the end, from PostgreSQL
            }
        }

        assertThat(waits).isEmpty();
    }
}
