package dev.mayfly.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.embedded.SharedInfrastructure;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadModelSnapshotsTest {

    record Uses(Map<String, Integer> byKey) {
    }

    private EventStoreDatabase database;
    private ReadModelSnapshots snapshots;

    @BeforeEach
    void openStore() throws SQLException {
        database = EventStoreDatabase.open(new DatabaseSettings(SharedInfrastructure.postgres().database("read_model_snapshots"),
                "postgres", "postgres", 2), "read-model-snapshots");
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE domain_event_entry, read_model_snapshot");
        }
        snapshots = new ReadModelSnapshots(database.dataSource());
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    @Test
    void loadWhenNoneWasSavedThenIsEmpty() {
        assertThat(snapshots.load("uses", Uses.class)).isEmpty();
    }

    @Test
    void loadWhenSavedTwiceThenGivesTheLaterStateAndPosition() {
        snapshots.save("uses", 7, new Uses(Map.of("AKIA1", 1)));
        snapshots.save("uses", 12, new Uses(Map.of("AKIA1", 2, "AKIA2", 3)));

        assertThat(snapshots.load("uses", Uses.class))
                .contains(new ReadModelSnapshots.Snapshot<>(12, new Uses(Map.of("AKIA1", 2, "AKIA2", 3))));
        assertThat(snapshots.load("other", Uses.class)).isEmpty();
    }

    @Test
    void lastPositionWhenTheStoreIsEmptyThenIsMinusOne() {
        assertThat(snapshots.lastPosition()).isEqualTo(-1);
    }
}
