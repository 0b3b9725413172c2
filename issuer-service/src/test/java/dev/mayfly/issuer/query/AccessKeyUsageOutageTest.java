package dev.mayfly.issuer.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.embedded.EmbeddedPostgres;
import dev.mayfly.embedded.FreePorts;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.eventstore.EventStoreDatabase;
import dev.mayfly.issuer.api.AccountEvents.AccountCreated;
import dev.mayfly.issuer.api.AccountId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The access keys' last uses while the database is unreachable: noting a use stays in memory, off the request path;
 * the writes that fail are counted and keep their uses; once the database is back, the latest use is written. On a
 * PostgreSQL server of its own (not the JVM's shared one, which other tests use), stopped and started again on the same
 * port and data directory, as an operator's restart would.
 */
class AccessKeyUsageOutageTest {

    private static final AccountId ACCOUNT = AccountId.of("123456789012");
    private static final String KEY = "AKIAUSAGEOUTAGE00001";
    private static final Instant CREATED = Instant.parse("2026-12-01T00:00:00Z");
    /** Beyond the pool's wait for a connection (HikariCP's 30 s), with room for a busy machine. */
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private Path home;
    private int port;
    private EmbeddedPostgres postgres;
    private EventStoreDatabase database;
    private AccessKeyUsage usage;

    @BeforeEach
    void start() throws Exception {
        home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "usage-outage-");
        port = FreePorts.next();
        postgres = EmbeddedPostgres.start(home, port);
        database = EventStoreDatabase.open(new DatabaseSettings(postgres.database("usage_outage"), "postgres", "postgres", 2),
                "usage-outage", "classpath:db/issuer");
        IdentityDirectory directory = new IdentityDirectory();
        directory.apply(new AccountCreated(ACCOUNT, "usage", KEY, CREATED));
        usage = new AccessKeyUsage(database.dataSource(), directory);
    }

    @AfterEach
    void stop() throws Exception {
        usage.close();
        database.close();
        postgres.close();
    }

    @Test
    void writeWhenTheDatabaseIsDownThenTheUsesAreKeptCountedAndWrittenOnceItIsBack() throws Exception {
        Instant before = CREATED.plus(1, ChronoUnit.HOURS);
        usage.note(signedWithKey(before));
        awaitTrue("the first use written", () -> writtenUse().equals(Optional.of(before)));

        postgres.close();
        Instant during = CREATED.plus(2, ChronoUnit.HOURS);
        // what a served call does: in memory only, whatever the database's state
        assertThatCode(() -> usage.note(signedWithKey(during))).doesNotThrowAnyException();
        awaitTrue("a write failed while the database was down", () -> usage.failedWrites() > 0);
        assertThat(usage.unwrittenUses()).isEqualTo(1);

        postgres = EmbeddedPostgres.start(home, port);

        awaitTrue("the use noted during the outage written", () -> writtenUse().equals(Optional.of(during)));
        awaitTrue("nothing left unwritten", () -> usage.unwrittenUses() == 0);
    }

    /** The key's use as the table holds it, read apart from the usage's pool; empty when the database cannot be read. */
    private Optional<Instant> writtenUse() {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("usage_outage"), "postgres", "postgres");
             PreparedStatement select = connection.prepareStatement("SELECT used_at FROM access_key_last_use WHERE access_key_id = ?")) {
            select.setString(1, KEY);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getTimestamp(1).toInstant()) : Optional.empty();
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + DEADLINE.toSeconds() + " s: " + what);
            }
            Thread.sleep(200);
        }
    }

    private static ApiCallRecorded signedWithKey(Instant at) {
        String eventId = UUID.randomUUID().toString();
        return new ApiCallRecorded(eventId, at, "sts.amazonaws.com", "GetCallerIdentity", "us-east-1", "192.0.2.1", "test",
                "req-" + eventId, new ApiCallRecorded.UserIdentity("IAMUser", "AIDA", "arn:aws:iam::123456789012:root",
                ACCOUNT.value(), KEY, null, null, null), Map.of(), null, null, null, List.of(), true, ACCOUNT.value());
    }
}
