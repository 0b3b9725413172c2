package dev.mayfly.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.runtime.KafkaProducers;
import dev.mayfly.runtime.KafkaTopics;
import dev.mayfly.runtime.Settings;
import dev.mayfly.signing.SigningKeyRing;
import org.axonframework.config.Configuration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.serialization.SerializedObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiCallRetentionTest {

    record Renamed(String to) {
    }

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final Instant LONG_AGO = NOW.minus(Duration.ofDays(40));

    private EventStoreDatabase database;
    private EmbeddedEventStore eventStore;
    private ApiCallRetention retention;

    @BeforeEach
    void openStore() throws SQLException {
        database = EventStoreDatabase.open(new DatabaseSettings(SharedInfrastructure.postgres().database("api_call_retention"),
                "postgres", "postgres", 2), "api-call-retention");
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE domain_event_entry, token_entry");
        }
        eventStore = EmbeddedEventStore.builder().storageEngine(AxonConfiguration.storageEngine(
                AxonConfiguration.connections(database.dataSource()), AxonConfiguration.serializer(),
                new MinimumInterval(AxonConfiguration.TAILING_READ_PACE))).build();
        retention = new ApiCallRetention(database.dataSource(), Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void closeStore() {
        eventStore.shutDown();
        database.close();
    }

    /** An API-call record made at that time. */
    private static ApiCallRecorded madeAt(Instant at) {
        String eventId = UUID.randomUUID().toString();
        ApiCallRecorded made = ApiCallSamples.getCallerIdentity(eventId);
        return new ApiCallRecorded(eventId, at, made.eventSource(), made.eventName(), made.awsRegion(),
                made.sourceIpAddress(), made.userAgent(), made.requestId(), null, Map.of(), null, null, null, List.of(), true,
                made.recipientAccountId());
    }

    /** Stores an API-call record made at that time; returns its global index. */
    private long call(Instant at) throws SQLException {
        UnitsOfWork.inTransaction(() -> {
            new ApiCallRecorder(eventStore).record(madeAt(at));
            return null;
        });
        return lastIndex();
    }

    private long change() throws SQLException {
        UnitsOfWork.inTransaction(() -> {
            eventStore.publish(GenericEventMessage.asEventMessage(new Renamed("x")));
            return null;
        });
        return lastIndex();
    }

    private long lastIndex() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT max(global_index) FROM domain_event_entry");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** A publisher's token, as Axon's JDBC token store writes it. */
    private void publisherAt(String processor, long index, Long... gaps) throws SQLException {
        SerializedObject<byte[]> token = AxonConfiguration.serializer().serialize(
                GapAwareTrackingToken.newInstance(index, new TreeSet<>(List.of(gaps))), byte[].class);
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO token_entry (processor_name, segment, token, token_type) VALUES (?, 0, ?, ?)")) {
            insert.setString(1, processor);
            insert.setBytes(2, token.getData());
            insert.setString(3, token.getType().getName());
            insert.executeUpdate();
        }
    }

    private List<Long> stored() throws SQLException {
        List<Long> indexes = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT global_index FROM domain_event_entry ORDER BY global_index")) {
            while (rows.next()) {
                indexes.add(rows.getLong(1));
            }
        }
        return indexes;
    }

    @Test
    void deleteExpiredWhenPublishedThenDeletesOnlyTheCallsOlderThanTheRetention() throws SQLException {
        long oldCall = call(LONG_AGO);
        long oldChange = change();
        long recentCall = call(NOW.minus(Duration.ofDays(2)));
        long secondOldCall = call(LONG_AGO);
        long newest = change();
        publisherAt("kafka-publisher", newest);

        assertThat(retention.deleteExpired()).isEqualTo(2);

        assertThat(stored()).containsExactly(oldChange, recentCall, newest).doesNotContain(oldCall, secondOldCall);
    }

    @Test
    void deleteExpiredWhenTheNewestEventIsAnOldPublishedCallThenKeepsIt() throws SQLException {
        long oldCall = call(LONG_AGO);
        long newestCall = call(LONG_AGO);
        publisherAt("kafka-publisher", newestCall);

        assertThat(retention.deleteExpired()).isEqualTo(1);

        // the store's head position never goes backwards: the revocation feed's epoch is read from it
        assertThat(stored()).containsExactly(newestCall).doesNotContain(oldCall);
    }

    @Test
    void deleteExpiredWhenAPublisherIsBehindThenKeepsTheCallsItHasNotReached() throws SQLException {
        long handled = call(LONG_AGO);
        long notYet = call(LONG_AGO);
        publisherAt("events-publisher", notYet);
        publisherAt("revocations-publisher", handled);

        retention.deleteExpired();

        assertThat(stored()).containsExactly(notYet);
    }

    @Test
    void deleteExpiredWhenAPublisherHasAGapThenKeepsEverythingFromTheGap() throws SQLException {
        long before = call(LONG_AGO);
        long gap = call(LONG_AGO);
        long after = call(LONG_AGO);
        publisherAt("kafka-publisher", after, gap);

        retention.deleteExpired();

        assertThat(stored()).containsExactly(gap, after).doesNotContain(before);
    }

    @Test
    void deleteExpiredWhenNoPublisherHasATokenThenDeletesNothing() throws SQLException {
        long old = call(LONG_AGO);

        assertThat(retention.deleteExpired()).isZero();
        assertThat(stored()).containsExactly(old);
    }

    @Test
    void deleteExpiredWhenMoreThanABatchExpiredThenDeletesThemAll() throws SQLException {
        UnitsOfWork.inTransaction(() -> {
            ApiCallRecorder recorder = new ApiCallRecorder(eventStore);
            for (int i = 0; i < ApiCallRetention.BATCH_SIZE + 5; i++) {
                recorder.record(madeAt(LONG_AGO));
            }
            return null;
        });
        long newest = lastIndex();
        publisherAt("kafka-publisher", newest);

        // all but the newest, which stays as the store's head
        assertThat(retention.deleteExpired()).isEqualTo(ApiCallRetention.BATCH_SIZE + 4);
        assertThat(stored()).containsExactly(newest);
    }

    @Test
    void deleteExpiredWhenTheKafkaPublisherHasPublishedTheCallsThenDeletesThem() throws Exception {
        String bootstrap = SharedInfrastructure.kafka().bootstrapServers();
        KafkaTopics.ensure(KafkaCluster.plaintext(bootstrap), KafkaTopics.mayflyTopics(3, (short) 1));
        var configurer = AxonConfiguration.configurer(database.dataSource());
        KafkaPublishing.register(configurer, "kafka-publisher",
                new KafkaEventPublisher(KafkaProducers.reliable(KafkaCluster.plaintext(bootstrap), "api-call-retention"),
                        new RecordSigner(SigningKeyRing.parse(SigningKeyRing.newKeyLine(Instant.now())), Clock.systemUTC()),
                        KafkaPublishing::toEventsTopic), KafkaPublishing.Pace.BATCHED);
        Configuration axon = configurer.start();
        try {
            ApiCallRecorder recorder = new ApiCallRecorder(axon.eventBus());
            UnitsOfWork.inTransaction(() -> {
                for (int i = 0; i < 20; i++) {
                    recorder.record(madeAt(LONG_AGO));
                }
                axon.eventBus().publish(GenericEventMessage.asEventMessage(new Renamed("x")));
                return null;
            });
            long change = lastIndex();
            Instant deadline = Instant.now().plusSeconds(30);
            long deleted = 0;
            // the publisher's token moves past the calls once Kafka has them; until then nothing may go
            while (deleted < 20 && Instant.now().isBefore(deadline)) {
                deleted += retention.deleteExpired();
                Thread.sleep(100);
            }

            assertThat(deleted).isEqualTo(20);
            assertThat(stored()).containsExactly(change);
        } finally {
            axon.shutdown();
        }
    }

    @Test
    void settingWhenUnsetOrZeroThenKeepsForeverAndWhenNegativeThenRefused() {
        assertThat(DatabaseSettings.from(Settings.of(Map.of()), "MAYFLY_ISSUER", "mayfly_issuer").apiCallRetention()).isNull();
        assertThat(DatabaseSettings.from(Settings.of(Map.of(ApiCallRetention.SETTING, "0")), "MAYFLY_ISSUER", "mayfly_issuer")
                .apiCallRetention()).isNull();
        assertThat(DatabaseSettings.from(Settings.of(Map.of(ApiCallRetention.SETTING, "30")), "MAYFLY_ISSUER", "mayfly_issuer")
                .apiCallRetention()).isEqualTo(Duration.ofDays(30));
        assertThatThrownBy(() -> DatabaseSettings.from(Settings.of(Map.of(ApiCallRetention.SETTING, "-1")), "MAYFLY_ISSUER",
                "mayfly_issuer")).hasMessageContaining(ApiCallRetention.SETTING);
    }
}
