package dev.mayfly.issuer.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mayfly.contract.Json;
import dev.mayfly.eventstore.TailPosition;
import dev.mayfly.issuer.api.Tagging;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last snapshot of the read model, in the issuer's database (table read_model_checkpoint, migration V104): one row,
 * which every issuer of the deployment writes as its tail's schedule says, and which a write of the same build replaces
 * only if it is further along in the event store. A start restores it when this very build wrote it in this format
 * (another build's projections may make other views of the same changes: then every change is applied again, as without
 * a snapshot, and the first snapshot this build writes replaces the other's, whatever its position), and ignores one it
 * cannot read, with a warning: a snapshot only ever saves time.
 */
public final class ReadModelCheckpoints implements AutoCloseable {

    /** Raise it when what a snapshot holds changes shape, so that no build reads another shape as its own. */
    static final int FORMAT = 2; // 2: instance profiles, and accounts' aliases
    private static final Logger LOG = LoggerFactory.getLogger(ReadModelCheckpoints.class);
    private static final ObjectMapper JSON = Json.mapper();
    /** The state only when this build can use it, and the store's last index, which a snapshot cannot be ahead of. */
    private static final String SELECT = "SELECT position, format_version, mayfly_version,"
            + " CASE WHEN format_version = ? AND mayfly_version = ? THEN state END,"
            + " (SELECT coalesce(max(global_index), 0) FROM domain_event_entry) FROM read_model_checkpoint";
    private static final String UPSERT = "INSERT INTO read_model_checkpoint (id, position, format_version, mayfly_version, state)"
            + " VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position,"
            + " format_version = excluded.format_version, mayfly_version = excluded.mayfly_version, state = excluded.state,"
            + " taken_at = now() WHERE read_model_checkpoint.position < excluded.position"
            + " OR read_model_checkpoint.format_version <> excluded.format_version"
            + " OR read_model_checkpoint.mayfly_version <> excluded.mayfly_version";

    /** What makes the views of the changes, and what a snapshot holds (their nested classes with them). */
    private static final List<Class<?>> READ_MODEL_CLASSES = List.of(IdentityDirectory.class, EventDispatcher.class,
            AccountsProjection.class, AccessKeysProjection.class, UsersProjection.class, RolesProjection.class, GroupsProjection.class,
            ManagedPoliciesProjection.class, MfaDevicesProjection.class, OidcProvidersProjection.class, SamlProvidersProjection.class,
            InstanceProfilesProjection.class, AnalyzersProjection.class, AnalyzerViews.class, TrustExposures.class,
            InlinePolicies.class, ViewMap.class, IdSets.class, Views.class, WorkloadDirectory.class, ReadModelCheckpoint.class,
            Tagging.class);

    private final DataSource dataSource;
    private final String buildVersion;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("read-model-checkpoint").factory());
    /** The last snapshot taken and not yet written: at most one waits, the newest. */
    private final AtomicReference<ReadModelCheckpoint> waiting = new AtomicReference<>();

    /**
     * This build as its snapshots name it: the Mayfly version, and a digest of the read model's classes, which a
     * development build changes while the version stays the same (a -SNAPSHOT).
     */
    public static String build(String mayflyVersion) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Class<?> type : READ_MODEL_CLASSES) {
                for (Class<?> member : type.getNestMembers()) {
                    try (InputStream bytes = member.getResourceAsStream(member.getName().substring(member.getPackageName().length() + 1)
                            + ".class")) {
                        digest.update(bytes.readAllBytes());
                    }
                }
            }
            return mayflyVersion + "+" + HexFormat.of().formatHex(digest.digest(), 0, 6);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("the read model's classes could not be read: " + e.getMessage(), e);
        }
    }

    /** @param buildVersion this {@link #build}: a snapshot is restored only by the build that wrote it */
    public ReadModelCheckpoints(DataSource dataSource, String buildVersion) {
        this.dataSource = dataSource;
        this.buildVersion = buildVersion;
    }

    /**
     * Restores the last snapshot into directories still empty.
     *
     * @return the position to start the tail from; empty when there is no snapshot this build can use, the directories
     * then left empty
     */
    public Optional<TailPosition> restoreInto(IdentityDirectory directory, WorkloadDirectory workloads) {
        Optional<ReadModelCheckpoint> checkpoint = load();
        checkpoint.ifPresent(c -> c.restoreInto(directory, workloads));
        return checkpoint.map(ReadModelCheckpoint::position);
    }

    /** The last snapshot, read whole before anything is restored from it. */
    Optional<ReadModelCheckpoint> load() {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setInt(1, FORMAT);
            select.setString(2, buildVersion);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long position = row.getLong(1);
                byte[] state = row.getBytes(4);
                if (state == null) {
                    LOG.info("the read model's snapshot was written by Mayfly {} (format {}), not this build ({}, format {}):"
                            + " every state change is applied", row.getString(3), row.getInt(2), buildVersion, FORMAT);
                    return Optional.empty();
                }
                if (position > row.getLong(5)) {
                    LOG.warn("the read model's snapshot is at index {}, beyond the event store's last ({}): ignored",
                            position, row.getLong(5));
                    return Optional.empty();
                }
                ReadModelCheckpoint checkpoint = parse(state);
                LOG.info("read model restored from its snapshot at index {}", position);
                return Optional.of(checkpoint);
            }
        } catch (SQLException | IOException | RuntimeException e) {
            // a policy that no longer parses, a truncated row, ...: the full replay is always right
            LOG.warn("the read model's snapshot could not be read, every state change is applied instead: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static ReadModelCheckpoint parse(byte[] state) throws IOException {
        try (InputStream json = new GZIPInputStream(new ByteArrayInputStream(state))) {
            return JSON.readValue(json, ReadModelCheckpoint.class);
        }
    }

    /**
     * Takes a snapshot of the directories as they are, on the tail's thread (the position agrees with them), and writes it
     * on a thread of its own: after the one being written, if any, in place of any that waited for it. Failures are logged.
     */
    public void take(TailPosition position, IdentityDirectory directory, WorkloadDirectory workloads) {
        if (waiting.getAndSet(ReadModelCheckpoint.of(position, directory, workloads)) == null) {
            writer.execute(this::writeWaiting);
        }
    }

    private void writeWaiting() {
        ReadModelCheckpoint checkpoint = waiting.getAndSet(null);
        try {
            save(checkpoint);
        } catch (SQLException | IOException | RuntimeException e) {
            LOG.warn("the snapshot of the read model at index {} could not be written: {}", checkpoint.position().index(),
                    e.getMessage());
        }
    }

    /** @return whether it replaced the last, which it does only if it is further along or of another build */
    boolean save(ReadModelCheckpoint checkpoint) throws SQLException, IOException {
        long began = System.nanoTime();
        ByteArrayOutputStream state = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(state)) {
            JSON.writeValue(gzip, checkpoint);
        }
        try (Connection connection = dataSource.getConnection(); PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setLong(1, checkpoint.position().index());
            upsert.setInt(2, FORMAT);
            upsert.setString(3, buildVersion);
            upsert.setBytes(4, state.toByteArray());
            boolean replaced = upsert.executeUpdate() == 1;
            LOG.info("snapshot of the read model at index {}: {} KB, {} ms, {}", checkpoint.position().index(), state.size() / 1024,
                    (System.nanoTime() - began) / 1_000_000, replaced ? "written" : "not written, another is further along");
            return replaced;
        }
    }

    /** Lets a write under way finish, briefly. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
