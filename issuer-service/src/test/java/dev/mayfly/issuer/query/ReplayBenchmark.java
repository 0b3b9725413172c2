package dev.mayfly.issuer.query;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.Json;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.eventstore.AxonConfiguration;
import dev.mayfly.eventstore.CheckpointSchedule;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.eventstore.EventStoreDatabase;
import dev.mayfly.eventstore.EventStoreTail;
import dev.mayfly.eventstore.TailPosition;
import dev.mayfly.issuer.api.AccountEvents.AccountCreated;
import dev.mayfly.issuer.IssuerService;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.RoleEvents.RoleCreated;
import dev.mayfly.issuer.api.RoleRef;
import dev.mayfly.issuer.api.UserEvents.UserCreated;
import dev.mayfly.issuer.api.UserEvents.UserPolicyPut;
import dev.mayfly.issuer.api.UserEvents.UserTagged;
import dev.mayfly.issuer.api.UserRef;
import dev.mayfly.runtime.MayflyVersion;
import dev.mayfly.embedded.FreePorts;
import dev.mayfly.kafka.KafkaCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * How long the issuer takes to rebuild its directories at start from a store of N recorded calls and M state changes:
 * the full replay it once did (every call deserialized), the start of the event store's tail (state changes only, then
 * following the store), the same start on an empty store (a fresh start), and a restart from a snapshot of the read
 * model taken at the store's last index ({@link ReadModelCheckpoints}). A command, not a test: run it as
 * docs/benchmarks.md says.
 *
 * <p>Arguments: N (calls, default 1,000,000) and M (state changes, default 10,000). The calls are AssumeRole calls
 * signed with the accounts' keys, as the issuer records them (about 1.5 KB of JSON each), bulk-loaded with COPY. The
 * state changes are ten per account ({@link #change}): a replay applies (and parses the policies of) every one, a restore
 * makes (and parses) each view once.
 */
public final class ReplayBenchmark {

    private static final HexFormat HEX = HexFormat.of();
    private static final String ID = "00000000-0000-0000-0000-000000000000";

    private ReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int changes = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        try (EventStoreDatabase empty = open("replay_benchmark_empty");
             EventStoreDatabase full = open("replay_benchmark_full")) {
            System.out.printf("fresh start (empty store): directory replay %d ms%n", timed(() -> tailStart(empty)));
            long loading = timed(() -> {
                fill(full, calls, changes);
                return 0;
            });
            System.out.printf("stored %,d calls and %,d state changes in %d ms (%s on disk)%n", calls, changes, loading, size(full));
            System.out.printf("full replay, every call deserialized (before): %d ms%n", timed(() -> fullReplay(full)));
            for (int restart = 1; restart <= 3; restart++) {
                System.out.printf("directory replay, state changes only (restart %d): %d ms%n", restart, timed(() -> tailStart(full)));
            }
            System.out.printf("snapshot of the directories written in %d ms (%s)%n", snapshot(full), snapshotSize(full));
            for (int restart = 1; restart <= 3; restart++) {
                System.out.printf("restart from the snapshot, restored then the tail (%d): %d ms%n", restart,
                        timed(() -> snapshotStart(full)));
            }
            // the broker starts, and the topics are made, once: not part of any start measured
            issuerStart("replay_benchmark_empty", CheckpointSchedule.NEVER);
            for (int restart = 1; restart <= 3; restart++) {
                System.out.printf("issuer start until /readyz answers 200 (%d): empty store %d ms, after the calls %d ms,"
                        + " from the snapshot %d ms%n", restart, issuerStart("replay_benchmark_empty", CheckpointSchedule.NEVER),
                        issuerStart("replay_benchmark_full", CheckpointSchedule.NEVER),
                        issuerStart("replay_benchmark_full", IssuerSettings.DEFAULT_READ_MODEL_CHECKPOINTS));
            }
        }
        System.exit(0); // the shared database server stops with the JVM
    }

    private static EventStoreDatabase open(String name) throws SQLException {
        EventStoreDatabase database = EventStoreDatabase.open(new DatabaseSettings(SharedInfrastructure.postgres().database(name),
                "postgres", "postgres", 2), name, "classpath:db/issuer");
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE domain_event_entry");
            statement.execute("DELETE FROM read_model_checkpoint");
        }
        return database;
    }

    private static long timed(LongSupplier work) {
        long start = System.nanoTime();
        work.getAsLong();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long fullReplay(EventStoreDatabase database) {
        IdentityDirectory directory = new IdentityDirectory();
        WorkloadDirectory workloads = new WorkloadDirectory();
        AxonConfiguration.replay(database.dataSource(), event -> {
            directory.apply(event);
            workloads.apply(event);
        });
        return 0;
    }

    private static long tailStart(EventStoreDatabase database) {
        IdentityDirectory directory = new IdentityDirectory();
        WorkloadDirectory workloads = new WorkloadDirectory();
        EventStoreTail.start(database.dataSource(), event -> {
            directory.apply(event);
            workloads.apply(event);
        }).close();
        return 0;
    }

    /**
     * The directories as the tail's start makes them, saved as the issuer saves them.
     *
     * @return the milliseconds the save took (copy, JSON, gzip, write)
     */
    private static long snapshot(EventStoreDatabase database) {
        IdentityDirectory directory = new IdentityDirectory();
        WorkloadDirectory workloads = new WorkloadDirectory();
        try (EventStoreTail tail = EventStoreTail.start(database.dataSource(), event -> {
                directory.apply(event);
                workloads.apply(event);
            });
             ReadModelCheckpoints checkpoints = new ReadModelCheckpoints(database.dataSource(),
                ReadModelCheckpoints.build(MayflyVersion.current()))) {
            long began = System.nanoTime();
            checkpoints.save(ReadModelCheckpoint.of(new TailPosition(tail.position(), List.of()), directory, workloads));
            return (System.nanoTime() - began) / 1_000_000;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the issuer's start does with a snapshot: restores it, then starts the tail from its position. */
    private static long snapshotStart(EventStoreDatabase database) {
        IdentityDirectory directory = new IdentityDirectory();
        WorkloadDirectory workloads = new WorkloadDirectory();
        try (ReadModelCheckpoints checkpoints = new ReadModelCheckpoints(database.dataSource(),
                ReadModelCheckpoints.build(MayflyVersion.current()))) {
            Optional<TailPosition> position = checkpoints.restoreInto(directory, workloads);
            if (position.isEmpty()) {
                throw new IllegalStateException("the snapshot was not restored");
            }
            EventStoreTail.start(database.dataSource(), event -> {
                directory.apply(event);
                workloads.apply(event);
            }, position, CheckpointSchedule.NEVER, p -> { }).close();
        }
        return 0;
    }

    private static String snapshotSize(EventStoreDatabase database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
             var row = statement.executeQuery("SELECT pg_size_pretty(length(state)::bigint) FROM read_model_checkpoint")) {
            row.next();
            return row.getString(1) + " of gzipped JSON";
        }
    }

    /**
     * A whole issuer's start on that database, the embedded Kafka and fresh key files, until its readiness probe says
     * it serves (Kafka topics, the revocation feed caught up, the read model); then its stop, which is not timed.
     *
     * @return the milliseconds from the start until the probe answered 200
     */
    private static long issuerStart(String database, CheckpointSchedule snapshots) {
        try {
            Path home = Files.createTempDirectory("replay-benchmark-issuer");
            IssuerSettings settings = new IssuerSettings("127.0.0.1", FreePorts.next(),
                    new DatabaseSettings(SharedInfrastructure.postgres().database(database), "postgres", "postgres", 8),
                    KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers()), (short) 1, 3,
                    home.resolve("token.keys"), home.resolve("vault.keys"), home.resolve("admin-token"),
                    IssuerSettings.DEFAULT_REVOCATION_MAX_AGE, true).withReadModelCheckpoints(snapshots);
            long start = System.nanoTime();
            try (IssuerService issuer = IssuerService.start(settings, Clock.systemUTC())) {
                HttpClient http = HttpClient.newHttpClient();
                HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + issuer.port() + "/readyz")).build();
                while (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                    Thread.sleep(10);
                }
                return (System.nanoTime() - start) / 1_000_000;
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calls with a state change every calls/changes of them, in one COPY. */
    private static void fill(EventStoreDatabase database, int calls, int changes) {
        byte[] metaData = "{}".getBytes(StandardCharsets.UTF_8);
        int every = Math.max(1, calls / Math.max(1, changes));
        try (Connection connection = database.dataSource().getConnection()) {
            String[] call = Json.mapper().writeValueAsString(assumeRole()).split(ID, -1);
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY domain_event_entry (event_identifier,"
                    + " meta_data, payload, payload_type, time_stamp, aggregate_identifier, sequence_number, type) FROM STDIN");
            StringBuilder rows = new StringBuilder();
            int changed = 0;
            for (int i = 0; i < calls || changed < changes; i++) {
                if (changed < changes && (i % every == 0 || i >= calls)) {
                    Object change = change(changed);
                    row(rows, "change-" + changed, metaData, Json.mapper().writeValueAsBytes(change), change.getClass().getName(),
                            "change-" + changed, "Account");
                    changed++;
                }
                if (i < calls) {
                    String eventId = String.format("00000000-0000-0000-%04x-%012x", (i >>> 16) & 0xffff, i);
                    row(rows, eventId, metaData, String.join(eventId, call).replace("AKIABENCHMARK0000000", key(i % Math.max(1, changed)))
                            .getBytes(StandardCharsets.UTF_8), ApiCallRecorded.class.getName(), eventId, null);
                }
                if (rows.length() > 1 << 20) {
                    write(copy, rows);
                }
            }
            write(copy, rows);
            copy.endCopy();
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM ANALYZE domain_event_entry");
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The changes of one account in ten: the account, its user and its role (with a trust policy) made once, then the
     * user's inline policy written four times over and its tags changed three times. An installation's changes are mostly
     * edits of what exists, which a replay applies one by one and a snapshot holds once.
     */
    private static Object change(int changed) {
        AccountId account = AccountId.of(String.format("%012d", changed / 10));
        UserRef user = new UserRef(account, "user");
        String arn = "arn:aws:iam::" + account.value() + ":";
        int step = changed % 10;
        return switch (step) {
            case 0 -> new AccountCreated(account, "account-" + changed, key(changed / 10), Instant.now());
            case 1 -> new UserCreated(user, "/", "AIDA" + changed, arn + "user/user", Instant.now());
            case 2 -> new RoleCreated(new RoleRef(account, "role"), "/", "AROA" + changed, arn + "role/role",
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + arn + "root\"},"
                            + "\"Action\":\"sts:AssumeRole\"}]}", "", 3600, Instant.now(), Map.of());
            case 4, 6, 8 -> new UserTagged(user, Map.of("revision", Integer.toString(step)));
            default -> new UserPolicyPut(user, "inline", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::bucket-" + changed + "/*\","
                    + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}}]}");
        };
    }

    private static String key(int account) {
        return String.format("AKIABENCH%011d", account);
    }

    private static void row(StringBuilder rows, String eventId, byte[] metaData, byte[] payload, String type, String aggregate,
                            String aggregateType) {
        rows.append(eventId).append('\t').append("\\\\x").append(HEX.formatHex(metaData)).append('\t')
                .append("\\\\x").append(HEX.formatHex(payload)).append('\t').append(type).append('\t')
                .append(Instant.now()).append('\t').append(aggregate).append('\t').append(0).append('\t')
                .append(aggregateType == null ? "\\N" : aggregateType).append('\n');
    }

    private static void write(CopyIn copy, StringBuilder rows) throws SQLException {
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        rows.setLength(0);
    }

    private static String size(EventStoreDatabase database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
             var row = statement.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('domain_event_entry'))")) {
            row.next();
            return row.getString(1);
        }
    }

    /** An AssumeRole as the issuer records it, under the placeholder event id and key. */
    private static ApiCallRecorded assumeRole() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("roleArn", "arn:aws:iam::000000000042:role/benchmark-role");
        request.put("roleSessionName", "benchmark-session");
        request.put("durationSeconds", 3600);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("credentials", Map.of("accessKeyId", "ASIABENCHMARK0000000", "expiration", "Dec 6, 2026, 11:00:00 PM",
                "sessionToken", "(omitted)"));
        response.put("assumedRoleUser", Map.of("assumedRoleId", "AROABENCHMARK0000000:benchmark-session",
                "arn", "arn:aws:sts::000000000042:assumed-role/benchmark-role/benchmark-session"));
        return new ApiCallRecorded(ID, Instant.now(), "sts.amazonaws.com", "AssumeRole", "us-east-1", "192.0.2.1",
                "aws-sdk-java/2.29.0 Linux/6.8 OpenJDK_64-Bit_Server_VM/25 Java/25 vendor/Eclipse_Adoptium md/internal",
                "4e7c1f7a-0c1d-4a8b-9a51-" + "1234567890ab", new ApiCallRecorded.UserIdentity("IAMUser", "AIDABENCHMARK0000000",
                "arn:aws:iam::000000000042:user/benchmark", "000000000042", "AKIABENCHMARK0000000", "benchmark", null, null),
                request, response, null, null, List.of(new ApiCallRecorded.Resource("arn:aws:iam::000000000042:role/benchmark-role",
                "000000000042", "AWS::IAM::Role")), false, "000000000042",
                new ApiCallRecorded.TlsDetails("TLSv1.3", "TLS_AES_128_GCM_SHA256", "localhost:8443"), Map.of());
    }
}
