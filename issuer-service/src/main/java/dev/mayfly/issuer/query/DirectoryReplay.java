package dev.mayfly.issuer.query;

import dev.mayfly.eventstore.ReadModelSnapshots;
import dev.mayfly.eventstore.ReadModelSnapshots.Snapshot;
import dev.mayfly.eventstore.StateEventReplay;
import dev.mayfly.issuer.query.Views.AccessKeyUses;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the directories from the event store at start without reading every recorded call: of the calls, the
 * directory keeps only each access key's last use, which is snapshotted with its position in the store (after each
 * replay, and when the issuer stops); a restart restores it and reads the state changes plus the calls after it. After
 * a crash the snapshot is the one of the last start, so the restart reads the calls recorded since then. The snapshot
 * at stop holds every call up to the store's last event because one issuer writes its store (docs/operations.md,
 * "Clusters"): a second one's calls would be in the store and not in this directory.
 */
public final class DirectoryReplay {

    static final String ACCESS_KEY_USES = "issuer.access-key-uses";
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryReplay.class);

    private final DataSource dataSource;
    private final ReadModelSnapshots snapshots;
    private final IdentityDirectory directory;
    private final WorkloadDirectory workloads;

    public DirectoryReplay(DataSource dataSource, IdentityDirectory directory, WorkloadDirectory workloads) {
        this.dataSource = dataSource;
        this.snapshots = new ReadModelSnapshots(dataSource);
        this.directory = directory;
        this.workloads = workloads;
    }

    /** Before the issuer serves: nothing else applies events to the directories meanwhile. */
    public void replay() {
        Optional<Snapshot<AccessKeyUses>> uses = snapshot();
        uses.ifPresent(snapshot -> directory.restore(snapshot.state()));
        long position = StateEventReplay.replayAfter(dataSource, uses.map(Snapshot::position).orElse(-1L), event -> {
            directory.apply(event);
            workloads.apply(event);
        });
        snapshots.save(ACCESS_KEY_USES, position, directory.accessKeyUses());
    }

    /** The keys' last uses as last saved; none when they cannot be read, so that every call is read instead. */
    private Optional<Snapshot<AccessKeyUses>> snapshot() {
        try {
            return snapshots.load(ACCESS_KEY_USES, AccessKeyUses.class);
        } catch (IllegalStateException e) {
            // a snapshot this version cannot read costs one slow start, not a start refused
            LOG.warn("the snapshot of the access keys' last uses is unreadable; reading every recorded call instead: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Once the issuer has stopped writing (its units of work finished, and applied), so that the directory holds every
     * event up to the store's last.
     */
    public void snapshotAtStop() {
        snapshots.save(ACCESS_KEY_USES, snapshots.lastPosition(), directory.accessKeyUses());
    }
}
