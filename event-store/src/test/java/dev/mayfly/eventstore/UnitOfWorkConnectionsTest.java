package dev.mayfly.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.embedded.SharedInfrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnitOfWorkConnectionsTest {

    private EventStoreDatabase database;
    private ConnectionProvider connections;

    @BeforeEach
    void openDatabase() throws SQLException {
        database = EventStoreDatabase.open(new DatabaseSettings(SharedInfrastructure.postgres().database("uow_connections"), "postgres",
                "postgres", 4), "uow-connections");
        connections = AxonConfiguration.connections(database.dataSource());
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS probe (id text PRIMARY KEY)");
        }
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    /** Inserts through the unit of work's connection, closing it as callers like the credential vault do. */
    private Void insert(String id) throws SQLException {
        try (Connection connection = connections.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO probe (id) VALUES (?)")) {
            insert.setString(1, id);
            insert.executeUpdate();
        }
        return null;
    }

    /** Whether the row is visible to another connection: committed. */
    private boolean committed(String id) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT 1 FROM probe WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    @Test
    void getConnectionWhenUnitOfWorkRollsBackThenNothingWrittenInItRemains() throws SQLException {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();

        assertThatThrownBy(() -> UnitsOfWork.inTransaction(() -> {
            insert(first);
            insert(second);
            throw new IllegalStateException("the event could not be stored");
        })).hasMessage("the event could not be stored");

        assertThat(committed(first)).isFalse();
        assertThat(committed(second)).isFalse();
    }

    @Test
    void getConnectionWhenNestedUnitOfWorkCommitsThenItsWritesWaitForTheRootsCommit() throws SQLException {
        String id = UUID.randomUUID().toString();

        boolean committedBeforeRoot = UnitsOfWork.inTransaction(() -> {
            UnitsOfWork.inTransaction(() -> insert(id));   // as a command handler runs, nested in the call's unit of work
            return committed(id);
        });

        assertThat(committedBeforeRoot).isFalse();
        assertThat(committed(id)).isTrue();
    }

    @Test
    void getConnectionWhenAskedTwiceInAUnitOfWorkThenBothAreOneTransaction() {
        long[] transactions = UnitsOfWork.inTransaction(() -> new long[] {transactionId(), transactionId()});

        assertThat(transactions[0]).isEqualTo(transactions[1]);
    }

    @Test
    void getConnectionWhenNoUnitOfWorkThenAutoCommits() throws SQLException {
        String id = UUID.randomUUID().toString();

        insert(id);

        assertThat(committed(id)).isTrue();
    }

    private long transactionId() throws SQLException {
        try (Connection connection = connections.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT txid_current()")) {
            row.next();
            return row.getLong(1);
        }
    }
}
