package dev.mayfly.issuer.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.eventstore.AxonConfiguration;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.eventstore.EventStoreDatabase;
import dev.mayfly.eventstore.UnitsOfWork;
import dev.mayfly.issuer.api.AccountEvents.AccountCreated;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.query.Views.AccessKeyUse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DirectoryReplayTest {

    private static final AccountId ACCOUNT = AccountId.of("123456789012");
    private static final String KEY = "AKIAREPLAYTEST000001";
    private static final Instant CREATED = Instant.parse("2026-12-01T00:00:00Z");

    private EventStoreDatabase database;
    private Configuration axon;

    @BeforeEach
    void openStore() throws SQLException {
        database = EventStoreDatabase.open(new DatabaseSettings(SharedInfrastructure.postgres().database("directory_replay"),
                "postgres", "postgres", 2), "directory-replay", "classpath:db/issuer");
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE domain_event_entry, read_model_snapshot");
        }
        axon = AxonConfiguration.configurer(database.dataSource()).start();
        store(new AccountCreated(ACCOUNT, "replay", KEY, CREATED));
    }

    @AfterEach
    void closeStore() {
        axon.shutdown();
        database.close();
    }

    private void store(Object payload) {
        UnitsOfWork.inTransaction(() -> {
            axon.eventBus().publish(GenericEventMessage.asEventMessage(payload));
            return null;
        });
    }

    /** A call signed with the key at that time, to STS in us-east-1. */
    private static ApiCallRecorded signedWithKey(Instant at) {
        String eventId = UUID.randomUUID().toString();
        return new ApiCallRecorded(eventId, at, "sts.amazonaws.com", "GetCallerIdentity", "us-east-1", "192.0.2.1", "test",
                "req-" + eventId, new ApiCallRecorded.UserIdentity("IAMUser", "AIDA", "arn:aws:iam::123456789012:root",
                ACCOUNT.value(), KEY, null, null, null), Map.of(), null, null, null, List.of(), true, ACCOUNT.value());
    }

    /** A restart: new directories, rebuilt by a replay. */
    private IdentityDirectory restarted() {
        IdentityDirectory directory = new IdentityDirectory();
        new DirectoryReplay(database.dataSource(), directory, new WorkloadDirectory()).replay();
        return directory;
    }

    private void breakEveryStoredCall() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE domain_event_entry SET payload = ? WHERE payload_type = ?")) {
            update.setBytes(1, "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            update.setString(2, ApiCallRecorded.class.getName());
            assertThat(update.executeUpdate()).isPositive();
        }
    }

    @Test
    void replayWhenNoSnapshotYetThenReadsTheCallsForTheKeysLastUse() {
        Instant used = CREATED.plus(1, ChronoUnit.HOURS);
        store(signedWithKey(used));

        assertThat(restarted().lastUse(KEY)).contains(new AccessKeyUse(used, "sts", "us-east-1"));
    }

    @Test
    void replayWhenASnapshotHoldsTheEarlierCallsThenNeverReadsThemAndAppliesTheLaterOnes() throws SQLException {
        Instant first = CREATED.plus(1, ChronoUnit.HOURS);
        store(signedWithKey(first));
        restarted();
        breakEveryStoredCall();
        // the calls before the snapshot are unreadable now: only the snapshot can still say when the key was used
        assertThat(restarted().lastUse(KEY)).contains(new AccessKeyUse(first, "sts", "us-east-1"));

        Instant later = first.plus(1, ChronoUnit.HOURS);
        store(signedWithKey(later));

        assertThat(restarted().lastUse(KEY)).contains(new AccessKeyUse(later, "sts", "us-east-1"));
    }

    @Test
    void snapshotAtStopWhenCallsWereAppliedLiveThenTheNextStartReadsNoneOfThem() throws SQLException {
        IdentityDirectory running = restarted();
        Instant used = CREATED.plus(2, ChronoUnit.HOURS);
        ApiCallRecorded call = signedWithKey(used);
        store(call);
        running.apply(call); // as the directory's handler does after the commit
        new DirectoryReplay(database.dataSource(), running, new WorkloadDirectory()).snapshotAtStop();
        breakEveryStoredCall();

        Optional<AccessKeyUse> afterRestart = restarted().lastUse(KEY);

        assertThat(afterRestart).contains(new AccessKeyUse(used, "sts", "us-east-1"));
    }

    @Test
    void replayWhenTheSnapshotIsUnreadableThenReadsEveryCallInstead() throws SQLException {
        Instant used = CREATED.plus(3, ChronoUnit.HOURS);
        store(signedWithKey(used));
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO read_model_snapshot (name, position, state) VALUES (?, ?, ?)")) {
            insert.setString(1, DirectoryReplay.ACCESS_KEY_USES);
            insert.setLong(2, Long.MAX_VALUE - 1);
            insert.setBytes(3, "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            insert.executeUpdate();
        }

        assertThat(restarted().lastUse(KEY)).contains(new AccessKeyUse(used, "sts", "us-east-1"));
    }
}
