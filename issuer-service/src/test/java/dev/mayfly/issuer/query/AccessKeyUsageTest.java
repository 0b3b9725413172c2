package dev.mayfly.issuer.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.eventstore.EventStoreDatabase;
import dev.mayfly.issuer.api.AccountEvents.AccountCreated;
import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyDeleted;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.query.Views.AccessKeyUse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two issuers' usages on one database, as two issuer processes have them. */
class AccessKeyUsageTest {

    private static final AccountId ACCOUNT = AccountId.of("123456789012");
    private static final String KEY = "AKIAUSAGETEST0000001";
    private static final Instant CREATED = Instant.parse("2026-12-01T00:00:00Z");

    private EventStoreDatabase database;
    private AccessKeyUsage first;
    private AccessKeyUsage second;

    @BeforeEach
    void openStore() throws SQLException {
        database = EventStoreDatabase.open(new DatabaseSettings(SharedInfrastructure.postgres().database("access_key_usage"),
                "postgres", "postgres", 2), "access-key-usage", "classpath:db/issuer");
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE access_key_last_use");
        }
        first = new AccessKeyUsage(database.dataSource(), directoryWithKey());
        second = new AccessKeyUsage(database.dataSource(), directoryWithKey());
    }

    @AfterEach
    void closeStore() {
        first.close();
        second.close();
        database.close();
    }

    private static IdentityDirectory directoryWithKey() {
        IdentityDirectory directory = new IdentityDirectory();
        directory.apply(new AccountCreated(ACCOUNT, "usage", KEY, CREATED));
        return directory;
    }

    /** A call signed with the key at that time, to STS in us-east-1, failed with that error (null: answered). */
    private static ApiCallRecorded signedWithKey(Instant at, String errorCode) {
        String eventId = UUID.randomUUID().toString();
        return new ApiCallRecorded(eventId, at, "sts.amazonaws.com", "GetCallerIdentity", "us-east-1", "192.0.2.1", "test",
                "req-" + eventId, new ApiCallRecorded.UserIdentity("IAMUser", "AIDA", "arn:aws:iam::123456789012:root",
                ACCOUNT.value(), KEY, null, null, null), Map.of(), null, errorCode, null, List.of(), true, ACCOUNT.value());
    }

    @Test
    void lastUseWhenAnotherIssuerServedTheCallThenAnswersItOnceWritten() throws SQLException {
        Instant used = CREATED.plus(1, ChronoUnit.HOURS);
        first.note(signedWithKey(used, null));
        assertThat(second.lastUse(KEY)).isEmpty();

        first.write();

        assertThat(second.lastUse(KEY)).contains(new AccessKeyUse(used, "sts", "us-east-1"));
    }

    @Test
    void lastUseWhenNotWrittenYetThenTheIssuerThatServedTheCallAnswersIt() {
        Instant used = CREATED.plus(1, ChronoUnit.HOURS);

        first.note(signedWithKey(used, null));

        assertThat(first.lastUse(KEY)).contains(new AccessKeyUse(used, "sts", "us-east-1"));
    }

    @Test
    void writeWhenAnIssuerWritesAnOlderUseAfterANewerOneThenTheNewerStays() throws SQLException {
        Instant newer = CREATED.plus(2, ChronoUnit.HOURS);
        first.note(signedWithKey(newer, null));
        first.write();
        second.note(signedWithKey(CREATED.plus(1, ChronoUnit.HOURS), null));

        second.write();

        assertThat(first.lastUse(KEY)).contains(new AccessKeyUse(newer, "sts", "us-east-1"));
    }

    @Test
    void noteWhenTheSignatureFailedThenItIsNoUse() throws SQLException {
        first.note(signedWithKey(CREATED.plus(1, ChronoUnit.HOURS), "SignatureDoesNotMatch"));
        first.write();

        assertThat(second.lastUse(KEY)).isEmpty();
    }

    @Test
    void noteWhenTheCallWasRefusedForAnotherReasonThenItIsAUse() {
        Instant used = CREATED.plus(1, ChronoUnit.HOURS);

        first.note(signedWithKey(used, "AccessDenied"));

        assertThat(first.lastUse(KEY)).contains(new AccessKeyUse(used, "sts", "us-east-1"));
    }

    @Test
    void noteWhenTheKeyIsUnknownToTheDirectoryThenIsNotKept() {
        AccessKeyUsage knowsNoKey = new AccessKeyUsage(database.dataSource(), new IdentityDirectory());

        knowsNoKey.note(signedWithKey(CREATED.plus(1, ChronoUnit.HOURS), null));

        assertThat(knowsNoKey.lastUse(KEY)).isEmpty();
        knowsNoKey.close();
    }

    @Test
    void applyWhenTheKeyIsDeletedThroughAnyIssuerThenItsUseGoes() throws SQLException {
        first.note(signedWithKey(CREATED.plus(1, ChronoUnit.HOURS), null));
        first.write();

        second.apply(new RootAccessKeyDeleted(ACCOUNT, KEY, CREATED.plus(2, ChronoUnit.HOURS)));

        assertThat(first.lastUse(KEY)).isEmpty();
    }

    @Test
    void migrationWhenAnIssuerKeptASnapshotOfTheLastUsesThenTheyAreCarriedOver() throws SQLException {
        String database = SharedInfrastructure.postgres().database("access_key_usage_upgrade");
        try (Connection connection = java.sql.DriverManager.getConnection(database, "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA public CASCADE");
            statement.execute("CREATE SCHEMA public");
        }
        Flyway.configure().dataSource(database, "postgres", "postgres").locations("classpath:db/eventstore", "classpath:db/issuer")
                .target("102").load().migrate();
        try (Connection connection = java.sql.DriverManager.getConnection(database, "postgres", "postgres");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO read_model_snapshot (name, position, state) VALUES (?, ?, ?)")) {
            insert.setString(1, "issuer.access-key-uses");
            insert.setLong(2, 41);
            insert.setBytes(3, ("{\"byKey\":{\"" + KEY + "\":{\"at\":\"2026-12-01T01:00:00Z\",\"serviceName\":\"iam\",\"region\":\"us-east-1\"}}}")
                    .getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
        }

        try (EventStoreDatabase upgraded = EventStoreDatabase.open(new DatabaseSettings(database, "postgres", "postgres", 2),
                "access-key-usage-upgrade", "classpath:db/issuer");
             AccessKeyUsage usage = new AccessKeyUsage(upgraded.dataSource(), directoryWithKey())) {
            assertThat(usage.lastUse(KEY)).contains(new AccessKeyUse(Instant.parse("2026-12-01T01:00:00Z"), "iam", "us-east-1"));
        }
    }
}
