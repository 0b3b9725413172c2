package dev.mayfly.issuer.query;

import static dev.mayfly.issuer.query.GivenEvents.ACCOUNT;
import static dev.mayfly.issuer.query.GivenEvents.ALLOW_GET;
import static dev.mayfly.issuer.query.GivenEvents.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.Json;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.eventstore.CheckpointSchedule;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.eventstore.EventStoreDatabase;
import dev.mayfly.eventstore.EventStoreTail;
import dev.mayfly.eventstore.TailPosition;
import dev.mayfly.issuer.TestSamlIdentityProvider;
import dev.mayfly.issuer.api.AccountEvents.AccountAliasSet;
import dev.mayfly.issuer.api.AccountEvents.AccountCreated;
import dev.mayfly.issuer.api.AccountEvents.StsRegionActivationChanged;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.AnalyzerEvents.AnalyzerCreated;
import dev.mayfly.issuer.api.AnalyzerEvents.FindingStatusesUpdated;
import dev.mayfly.issuer.api.AnalyzerRef;
import dev.mayfly.issuer.api.FindingFilter;
import dev.mayfly.issuer.api.FindingFilter.ArchiveRule;
import dev.mayfly.issuer.api.GroupEvents.GroupCreated;
import dev.mayfly.issuer.api.GroupEvents.GroupPolicyPut;
import dev.mayfly.issuer.api.GroupEvents.GroupRenamed;
import dev.mayfly.issuer.api.GroupEvents.UserAddedToGroup;
import dev.mayfly.issuer.api.GroupRef;
import dev.mayfly.issuer.api.InstanceProfileEvents.InstanceProfileCreated;
import dev.mayfly.issuer.api.InstanceProfileEvents.InstanceProfileTagged;
import dev.mayfly.issuer.api.InstanceProfileEvents.RoleAddedToInstanceProfile;
import dev.mayfly.issuer.api.InstanceProfileRef;
import dev.mayfly.issuer.api.MfaDeviceRef;
import dev.mayfly.issuer.api.MfaEvents.MfaDeviceEnabled;
import dev.mayfly.issuer.api.MfaEvents.VirtualMfaDeviceCreated;
import dev.mayfly.issuer.api.OidcEvents.OidcProviderCreated;
import dev.mayfly.issuer.api.PolicyCommands.EntityType;
import dev.mayfly.issuer.api.PolicyEvents.PolicyAttached;
import dev.mayfly.issuer.api.PolicyEvents.PolicyCreated;
import dev.mayfly.issuer.api.PolicyEvents.PolicyVersionCreated;
import dev.mayfly.issuer.api.PolicyRef;
import dev.mayfly.issuer.api.RoleEvents.RoleCreated;
import dev.mayfly.issuer.api.RoleEvents.RolePolicyPut;
import dev.mayfly.issuer.api.RoleEvents.TrustPolicyUpdated;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.api.SamlEvents.SamlProviderCreated;
import dev.mayfly.issuer.api.SamlProviderRef;
import dev.mayfly.issuer.api.UserEvents.AccessKeyCreated;
import dev.mayfly.issuer.api.UserEvents.UserCreated;
import dev.mayfly.issuer.api.UserEvents.UserPermissionsBoundarySet;
import dev.mayfly.issuer.api.UserEvents.UserPolicyPut;
import dev.mayfly.issuer.api.UserEvents.UserTagged;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.issuer.api.WorkloadEvents.WorkloadRegistered;
import dev.mayfly.issuer.api.WorkloadEvents.WorkloadTokenRotated;
import dev.mayfly.issuer.api.WorkloadRef;
import dev.mayfly.issuer.saml.SamlMetadata;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read model's snapshot against a real PostgreSQL, with changes stored as the issuer's aggregates store them: what a
 * restart restores from it, and what it does not trust.
 */
class ReadModelCheckpointsTest {

    private static final String BUILD = "1.2.3-test";
    private static final UserRef ALICE = new UserRef(ACCOUNT, "alice");
    private static final RoleRef DEPLOYER = new RoleRef(ACCOUNT, "deployer");
    private static final GroupRef ADMINS = new GroupRef(ACCOUNT, "admins");
    private static final PolicyRef READ = new PolicyRef(ACCOUNT, "read");
    private static final MfaDeviceRef PHONE = new MfaDeviceRef(ACCOUNT, "alice-phone");
    private static final WorkloadRef BATCH = new WorkloadRef(ACCOUNT, "batch");
    private static final InstanceProfileRef WEB = new InstanceProfileRef(ACCOUNT, "web");
    private static final RoleRef PARTNER = new RoleRef(ACCOUNT, "partner");
    private static final AnalyzerRef TRUST = new AnalyzerRef(ACCOUNT, "trust");
    private static final String TRUST_OTHER_ACCOUNT = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}]}""";
    private static final String TRUST_ROOT = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},\
            "Action":"sts:AssumeRole"}]}""";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static TestSamlIdentityProvider samlIdentityProvider;

    private EventStoreDatabase database;
    private ReadModelCheckpoints checkpoints;
    private EventStoreTail tail;

    @BeforeAll
    static void identityProvider() throws Exception {
        samlIdentityProvider = new TestSamlIdentityProvider("https://idp.example.com/checkpoints");
    }

    @BeforeEach
    void openStore() throws SQLException {
        database = EventStoreDatabase.open(new DatabaseSettings(SharedInfrastructure.postgres().database("read_model_checkpoints"),
                "postgres", "postgres", 4), "read-model-checkpoints", "classpath:db/issuer");
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE domain_event_entry RESTART IDENTITY");
            statement.execute("DELETE FROM read_model_checkpoint");
        }
        checkpoints = new ReadModelCheckpoints(database.dataSource(), BUILD);
    }

    @AfterEach
    void closeStore() {
        if (tail != null) {
            tail.close();
        }
        checkpoints.close();
        database.close();
    }

    @Test
    void restoreIntoWhenASnapshotWasTakenThenTheDirectoriesAnswerAsAFullReplayAfterTheChangesSince() throws Exception {
        for (Object change : everyKindOfView()) {
            commit(change);
        }
        ReadModel taken = new ReadModel();
        tail = EventStoreTail.start(database.dataSource(), taken::apply, Optional.empty(), new CheckpointSchedule(1, Duration.ofHours(1)),
                position -> checkpoints.take(position, taken.directory, taken.workloads));
        awaitSnapshotAt(tail.position());
        tail.close();
        commit(new UserTagged(ALICE, Map.of("team", "payments")));
        commit(new PolicyAttached(READ, EntityType.ROLE, "deployer"));
        commit(new WorkloadTokenRotated(BATCH, "workload-1", "hash-2", T.plusSeconds(600), "admin"));
        commit(new TrustPolicyUpdated(PARTNER, TRUST_ROOT, Map.of(), T.plusSeconds(700)));

        ReadModel restored = new ReadModel();
        Optional<TailPosition> position = checkpoints.restoreInto(restored.directory, restored.workloads);
        tail = EventStoreTail.start(database.dataSource(), restored::apply, position, CheckpointSchedule.NEVER, p -> { });

        assertThat(position).isPresent();
        assertThat(restored.changes).isEqualTo(4);
        ReadModel replayed = new ReadModel();
        EventStoreTail.start(database.dataSource(), replayed::apply).close();
        assertThat(restored.answers()).usingRecursiveComparison()
                .withEqualsForType(SamlMetadata::equals, SamlMetadata.class)
                .isEqualTo(replayed.answers());
        assertThat(restored.directory.user(ALICE).orElseThrow().policies().get("inline").parsed()).isNotNull();
    }

    @Test
    void saveWhenViewsHoldParsedFormsThenSavesOnlyTheTextTheyAreParsedFrom() throws Exception {
        for (Object change : everyKindOfView()) {
            commit(change);
        }

        checkpoints.save(snapshotOfEveryChange());

        assertThat(storedJson()).contains("\"document\"", "\"trustPolicy\"", "\"metadataDocument\"")
                .doesNotContain("\"parsed\"", "\"parsedTrustPolicy\"", "\"metadata\"", "signingCertificates");
    }

    @Test
    void restoreIntoWhenAChangeCommitsInAGapOfTheSnapshotThenTheTailAppliesIt() throws Exception {
        ReadModel taken = new ReadModel();
        try (Connection slow = database.dataSource().getConnection()) {
            slow.setAutoCommit(false);
            insert(slow, new UserCreated(ALICE, "/", "AIDAALICE", "arn:aws:iam::123456789012:user/alice", T));
            commit(new AccountCreated(ACCOUNT, "dev", "AKIAROOT000000000001", T));
            tail = EventStoreTail.start(database.dataSource(), taken::apply, Optional.empty(),
                    new CheckpointSchedule(1, Duration.ofHours(1)), position -> checkpoints.take(position, taken.directory, taken.workloads));
            awaitSnapshotAt(2);
            tail.close();
            slow.commit();
        }
        assertThat(checkpoints.load().orElseThrow().position()).isEqualTo(new TailPosition(2, List.of(1L)));

        ReadModel restored = new ReadModel();
        Optional<TailPosition> position = checkpoints.restoreInto(restored.directory, restored.workloads);
        tail = EventStoreTail.start(database.dataSource(), restored::apply, position, CheckpointSchedule.NEVER, p -> { });

        assertThat(restored.directory.account(ACCOUNT)).isPresent();
        assertThat(restored.directory.user(ALICE)).isPresent();
        assertThat(restored.changes).isEqualTo(1);
    }

    @Test
    void restoreIntoWhenAnotherBuildWroteTheSnapshotThenRestoresNothing() throws Exception {
        commit(new AccountCreated(ACCOUNT, "dev", "AKIAROOT000000000001", T));
        try (ReadModelCheckpoints otherBuild = new ReadModelCheckpoints(database.dataSource(), "1.2.2")) {
            otherBuild.save(snapshotOfEveryChange());
        }

        ReadModel restored = new ReadModel();

        assertThat(checkpoints.restoreInto(restored.directory, restored.workloads)).isEmpty();
        assertThat(restored.directory.accountIds()).isEmpty();
    }

    @Test
    void restoreIntoWhenTheSnapshotIsOfAnotherFormatThenRestoresNothing() throws Exception {
        commit(new AccountCreated(ACCOUNT, "dev", "AKIAROOT000000000001", T));
        checkpoints.save(snapshotOfEveryChange());
        execute("UPDATE read_model_checkpoint SET format_version = format_version + 1");

        ReadModel restored = new ReadModel();

        assertThat(checkpoints.restoreInto(restored.directory, restored.workloads)).isEmpty();
        assertThat(restored.directory.accountIds()).isEmpty();
    }

    @Test
    void restoreIntoWhenTheSnapshotIsCorruptThenRestoresNothing() throws Exception {
        commit(new AccountCreated(ACCOUNT, "dev", "AKIAROOT000000000001", T));
        checkpoints.save(snapshotOfEveryChange());
        execute("UPDATE read_model_checkpoint SET state = substring(state from 1 for length(state) / 2)");

        ReadModel restored = new ReadModel();

        assertThat(checkpoints.restoreInto(restored.directory, restored.workloads)).isEmpty();
        assertThat(restored.directory.accountIds()).isEmpty();
    }

    @Test
    void restoreIntoWhenTheSnapshotIsAheadOfTheEventStoreThenRestoresNothing() throws Exception {
        commit(new AccountCreated(ACCOUNT, "dev", "AKIAROOT000000000001", T));
        checkpoints.save(snapshotOfEveryChange());
        execute("TRUNCATE domain_event_entry RESTART IDENTITY");

        ReadModel restored = new ReadModel();

        assertThat(checkpoints.restoreInto(restored.directory, restored.workloads)).isEmpty();
    }

    @Test
    void saveWhenAnotherWriterIsFurtherAlongThenLeavesItsSnapshot() throws Exception {
        try (ReadModelCheckpoints other = new ReadModelCheckpoints(database.dataSource(), BUILD)) {
            assertThat(other.save(emptySnapshotAt(10))).isTrue();

            assertThat(checkpoints.save(emptySnapshotAt(5))).isFalse();
            assertThat(storedPosition()).isEqualTo(10);

            assertThat(checkpoints.save(emptySnapshotAt(11))).isTrue();
            assertThat(storedPosition()).isEqualTo(11);
        }
    }

    @Test
    void saveWhenTheSnapshotIsAnotherBuildsThenReplacesItThoughItIsFurtherAlong() throws Exception {
        try (ReadModelCheckpoints formerBuild = new ReadModelCheckpoints(database.dataSource(), "1.2.2")) {
            assertThat(formerBuild.save(emptySnapshotAt(10))).isTrue();

            assertThat(checkpoints.save(emptySnapshotAt(5))).isTrue();

            assertThat(storedPosition()).isEqualTo(5);
        }
    }

    @Test
    void takeWhenTakenAgainWhileTheLastIsWrittenThenTheNewestIsWrittenAfterIt() throws Exception {
        for (int account = 1; account <= 3; account++) {
            commit(new AccountCreated(AccountId.of("%012d".formatted(account)), "dev", "AKIAROOT00000000000" + account, T));
        }
        ReadModel model = new ReadModel();
        EventStoreTail.start(database.dataSource(), model::apply).close();

        for (long index = 1; index <= 3; index++) {
            checkpoints.take(new TailPosition(index, List.of()), model.directory, model.workloads);
        }

        awaitSnapshotAt(3);
    }

    @Test
    void buildWhenTheVersionIsTheSameThenNamesTheReadModelsClassesToo() {
        String build = ReadModelCheckpoints.build("1.2.3-SNAPSHOT");

        assertThat(build).matches("1\\.2\\.3-SNAPSHOT\\+[0-9a-f]{12}").isEqualTo(ReadModelCheckpoints.build("1.2.3-SNAPSHOT"));
    }

    /** A directory and the workloads, fed as the issuer feeds them, counting the changes applied. */
    private static final class ReadModel {
        final IdentityDirectory directory = new IdentityDirectory();
        final WorkloadDirectory workloads = new WorkloadDirectory();
        int changes;

        void apply(Object change) {
            directory.apply(change);
            workloads.apply(change);
            changes++;
        }

        /** What the issuer asks of the directories about the account and its resources. */
        List<Object> answers() {
            return List.of(directory.accountIds(), directory.account(ACCOUNT), directory.usersIn(ACCOUNT), directory.rolesIn(ACCOUNT),
                    directory.groupsIn(ACCOUNT), directory.groupsOf(ALICE), directory.managedPoliciesIn(ACCOUNT),
                    directory.policiesAttachedTo(ACCOUNT, EntityType.USER, "alice"),
                    directory.policiesAttachedTo(ACCOUNT, EntityType.ROLE, "deployer"), directory.attachmentsOf(READ),
                    directory.accessKeysOf(ALICE), directory.rootAccessKeysOf(ACCOUNT), directory.accessKey("AKIAALICE0000000001"),
                    directory.mfaDevicesIn(ACCOUNT), directory.mfaDevicesOf(ALICE), directory.oidcProvidersIn(ACCOUNT),
                    directory.samlProvidersIn(ACCOUNT), directory.userOrRoleIdOf("arn:aws:iam::123456789012:role/deployer"),
                    directory.boundaryUsageCount(ACCOUNT, "arn:aws:iam::123456789012:policy/read"),
                    directory.instanceProfilesIn(ACCOUNT), directory.instanceProfilesOf(DEPLOYER),
                    workloads.workloadsIn(ACCOUNT), workloads.byId("workload-1"), directory.analyzersIn(ACCOUNT),
                    directory.roleTrustIn(ACCOUNT));
        }
    }

    private List<Object> everyKindOfView() {
        return List.of(new AccountCreated(ACCOUNT, "dev", "AKIAROOT000000000001", T),
                new StsRegionActivationChanged(ACCOUNT, "eu-west-3", false),
                new UserCreated(ALICE, "/team/", "AIDAALICE", "arn:aws:iam::123456789012:user/team/alice", T),
                new AccessKeyCreated(ALICE, "AKIAALICE0000000001", T.plusSeconds(1)),
                new UserPolicyPut(ALICE, "inline", ALLOW_GET),
                new UserPermissionsBoundarySet(ALICE, "arn:aws:iam::123456789012:policy/read"),
                new RoleCreated(DEPLOYER, "/", "AROADEPLOYER", "arn:aws:iam::123456789012:role/deployer", TRUST_ROOT, "deploys", 3600, T,
                        Map.of()),
                new RolePolicyPut(DEPLOYER, "inline", ALLOW_GET),
                new RoleCreated(PARTNER, "/", "AROAPARTNER", "arn:aws:iam::123456789012:role/partner", TRUST_OTHER_ACCOUNT, "partner", 3600,
                        T, Map.of()),
                new AnalyzerCreated(TRUST, "arn:aws:access-analyzer:us-east-1:123456789012:analyzer/trust", "ACCOUNT", T,
                        Map.of("team", "security"), List.of(new ArchiveRule("sister", new FindingFilter(Map.of("principal.AWS",
                        new FindingFilter.Criterion(List.of("111122223333"), null, null, null)))))),
                new FindingStatusesUpdated(TRUST, List.of("finding-1"), "ARCHIVED", T.plusSeconds(2)),
                new InstanceProfileCreated(WEB, "/", "AIPAWEB", "arn:aws:iam::123456789012:instance-profile/web", T),
                new RoleAddedToInstanceProfile(WEB, "deployer"),
                new InstanceProfileTagged(WEB, Map.of("team", "web")),
                new GroupCreated(ADMINS, "/", "AGPAADMINS", "arn:aws:iam::123456789012:group/admins", T),
                new UserAddedToGroup(ADMINS, "Alice"),
                new GroupPolicyPut(ADMINS, "inline", ALLOW_GET),
                new GroupRenamed(ADMINS, new GroupRef(ACCOUNT, "operators"), "/ops/", "arn:aws:iam::123456789012:group/ops/operators"),
                new AccountAliasSet(ACCOUNT, "acme"),
                new PolicyCreated(READ, "/", "ANPAREAD", "arn:aws:iam::123456789012:policy/read", ALLOW_GET, "reads", T),
                new PolicyVersionCreated(READ, "v2", ALLOW_GET.replace("GetObject", "ListBucket"), true, T.plusSeconds(60)),
                new PolicyAttached(READ, EntityType.USER, "alice"),
                new VirtualMfaDeviceCreated(PHONE, "/", "arn:aws:iam::123456789012:mfa/alice-phone", T),
                new MfaDeviceEnabled(PHONE, "alice", 1000, 1, T.plusSeconds(5)),
                new OidcProviderCreated(new dev.mayfly.issuer.api.OidcProviderRef(ACCOUNT, "token.example.com"),
                        "https://token.example.com", List.of("app"), List.of("0".repeat(40)), T),
                new SamlProviderCreated(new SamlProviderRef(ACCOUNT, "Corp"), samlIdentityProvider.metadata(), T),
                new WorkloadRegistered(BATCH, "workload-1", "arn:aws:workloads::123456789012:workload/batch",
                        "arn:aws:iam::123456789012:role/deployer", "batch", 3600, List.of("10.0.0.0/8"), "hash-1", T, "admin", null));
    }

    /** The directories as a full replay makes them, at the store's last index. */
    private ReadModelCheckpoint snapshotOfEveryChange() throws Exception {
        ReadModel model = new ReadModel();
        try (EventStoreTail replay = EventStoreTail.start(database.dataSource(), model::apply)) {
            return ReadModelCheckpoint.of(new TailPosition(replay.position(), List.of()), model.directory, model.workloads);
        }
    }

    private static ReadModelCheckpoint emptySnapshotAt(long index) {
        return ReadModelCheckpoint.of(new TailPosition(index, List.of()), new IdentityDirectory(), new WorkloadDirectory());
    }

    private void awaitSnapshotAt(long index) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (storedPosition() != index) {
            assertThat(System.nanoTime()).as("a snapshot at %d within %s", index, WAIT).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private long storedPosition() throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT position FROM read_model_checkpoint")) {
            return row.next() ? row.getLong(1) : -1;
        }
    }

    private String storedJson() throws Exception {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT state FROM read_model_checkpoint");
             InputStream json = new GZIPInputStream(nextBinaryStream(row))) {
            return new String(json.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream nextBinaryStream(ResultSet row) throws SQLException {
        row.next();
        return row.getBinaryStream(1);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void commit(Object change) throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            insert(connection, change);
        }
    }

    /** As the event store's serializer writes it: the message's JSON, typed by its class. */
    private static void insert(Connection connection, Object change) throws Exception {
        String eventId = UUID.randomUUID().toString();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO domain_event_entry (event_identifier, payload,"
                + " payload_type, time_stamp, aggregate_identifier, sequence_number) VALUES (?, ?, ?, ?, ?, 0)")) {
            insert.setString(1, eventId);
            insert.setBytes(2, Json.mapper().writeValueAsBytes(change));
            insert.setString(3, change.getClass().getName());
            insert.setString(4, Instant.now().toString());
            insert.setString(5, eventId);
            insert.executeUpdate();
        }
    }
}
