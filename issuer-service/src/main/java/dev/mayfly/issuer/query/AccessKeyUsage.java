package dev.mayfly.issuer.query;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.eventstore.UnitsOfWork;
import dev.mayfly.issuer.api.AccountEvents.RootAccessKeyDeleted;
import dev.mayfly.issuer.api.UserEvents.AccessKeyDeleted;
import dev.mayfly.issuer.query.Views.AccessKeyUse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each long-term access key's last use, as GetAccessKeyLastUsed answers it, the same whichever issuer is asked: every
 * issuer notes the uses of the calls it serves and writes them to one table each second, keeping the latest per key.
 * A call's record is not read again to learn it, so neither restarts nor API-call retention depend on the calls.
 *
 * <p>An issuer that dies loses at most its last second of uses: AWS itself documents the last-used information as
 * eventually consistent, updated within hours. An issuer whose database is unreachable loses none: a write that fails
 * keeps its uses (only the latest per key) for the next one, off the request path, and is counted and logged.
 */
public final class AccessKeyUsage implements AutoCloseable {

    static final Duration FLUSH_PERIOD = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(AccessKeyUsage.class);
    /** Signature failures name a key without it having signed anything; they do not count as a use. */
    private static final Set<String> NOT_A_USE = Set.of("SignatureDoesNotMatch", "InvalidClientTokenId", "IncompleteSignature",
            "MissingAuthenticationToken", "ExpiredToken");
    private static final String UPSERT = "INSERT INTO access_key_last_use (access_key_id, used_at, service_name, region)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (access_key_id) DO UPDATE SET used_at = excluded.used_at,"
            + " service_name = excluded.service_name, region = excluded.region WHERE access_key_last_use.used_at < excluded.used_at";
    private static final String SELECT = "SELECT used_at, service_name, region FROM access_key_last_use WHERE access_key_id = ?";
    private static final String DELETE = "DELETE FROM access_key_last_use WHERE access_key_id = ?";

    private final DataSource dataSource;
    private final IdentityDirectory directory;
    /** The uses noted since the last write, latest per key. */
    private final Map<String, AccessKeyUse> unwritten = new ConcurrentHashMap<>();
    private final AtomicLong failedWrites = new AtomicLong();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("access-key-usage").factory());

    public AccessKeyUsage(DataSource dataSource, IdentityDirectory directory) {
        this.dataSource = dataSource;
        this.directory = directory;
        writer.scheduleWithFixedDelay(this::writeQuietly, FLUSH_PERIOD.toMillis(), FLUSH_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Called by Axon for each call this issuer records: noted once the call's record has committed. */
    @EventHandler
    void on(ApiCallRecorded call) {
        UnitsOfWork.afterCommit(() -> note(call));
    }

    void note(ApiCallRecorded call) {
        String keyId = call.userIdentity() == null ? null : call.userIdentity().accessKeyId();
        if (keyId != null && directory.accessKey(keyId).isPresent() && !NOT_A_USE.contains(String.valueOf(call.errorCode()))) {
            String source = call.eventSource();
            String service = source.substring(0, source.indexOf('.') < 0 ? source.length() : source.indexOf('.'));
            unwritten.merge(keyId, new AccessKeyUse(call.eventTime(), service, call.awsRegion()), AccessKeyUsage::later);
        }
    }

    /** From the event store's tail: a deleted key's use goes with it, whichever issuer deleted it. */
    public void apply(Object event) {
        switch (event) {
            case AccessKeyDeleted e -> forget(e.accessKeyId());
            case RootAccessKeyDeleted e -> forget(e.accessKeyId());
            default -> {
            }
        }
    }

    /** When the key last signed a request to any issuer; empty when never. */
    public Optional<AccessKeyUse> lastUse(String accessKeyId) {
        Optional<AccessKeyUse> written;
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, accessKeyId);
            try (ResultSet row = select.executeQuery()) {
                written = row.next()
                        ? Optional.of(new AccessKeyUse(row.getTimestamp(1).toInstant(), row.getString(2), row.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the last use of an access key could not be read: " + e.getMessage(), e);
        }
        AccessKeyUse noted = unwritten.get(accessKeyId);
        return noted == null ? written : Optional.of(written.map(use -> later(use, noted)).orElse(noted));
    }

    /** Writes the uses noted since the last write. */
    void write() throws SQLException {
        if (unwritten.isEmpty()) {
            return;
        }
        Map<String, AccessKeyUse> batch = Map.copyOf(unwritten);
        try (Connection connection = dataSource.getConnection(); PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (Map.Entry<String, AccessKeyUse> use : batch.entrySet()) {
                upsert.setString(1, use.getKey());
                upsert.setTimestamp(2, Timestamp.from(use.getValue().at()));
                upsert.setString(3, use.getValue().serviceName());
                upsert.setString(4, use.getValue().region());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
        // a use noted meanwhile replaced its entry and stays for the next write
        batch.forEach(unwritten::remove);
    }

    private void writeQuietly() {
        try {
            write();
        } catch (SQLException | RuntimeException e) {
            // kept, and written with the next uses
            failedWrites.incrementAndGet();
            LOG.warn("the access keys' last uses could not be written: {}", e.getMessage());
        }
    }

    /** How many writes failed (the database unreachable, say) since the issuer started; their uses were kept. */
    public long failedWrites() {
        return failedWrites.get();
    }

    /** How many keys have a use noted that is not written yet. */
    public int unwrittenUses() {
        return unwritten.size();
    }

    private void forget(String accessKeyId) {
        unwritten.remove(accessKeyId);
        try (Connection connection = dataSource.getConnection(); PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setString(1, accessKeyId);
            delete.executeUpdate();
        } catch (SQLException e) {
            // a deleted key's id is never issued again: a row left behind is never read
            LOG.warn("the last use of a deleted access key could not be deleted: {}", e.getMessage());
        }
    }

    private static AccessKeyUse later(AccessKeyUse a, AccessKeyUse b) {
        return b.at().isAfter(a.at()) ? b : a;
    }

    /** Writes what is left, as the issuer stops. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeQuietly();
    }
}
