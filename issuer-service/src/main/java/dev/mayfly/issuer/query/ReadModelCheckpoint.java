package dev.mayfly.issuer.query;

import dev.mayfly.eventstore.TailPosition;
import dev.mayfly.issuer.query.Views.WorkloadView;
import java.util.List;

/**
 * The issuer's whole read model, its directories, as of a position of the event store's tail: what a restart restores
 * instead of applying every state change since the first ({@link ReadModelCheckpoints}). Saved as JSON.
 *
 * @param position  the tail's position when it was taken: the directories hold every change up to it but those in its gaps
 */
public record ReadModelCheckpoint(TailPosition position, IdentityDirectory.State directory, List<WorkloadView> workloads) {

    /** Of the directories as they are: on the tail's thread, between two reads, for the position to agree. */
    public static ReadModelCheckpoint of(TailPosition position, IdentityDirectory directory, WorkloadDirectory workloads) {
        return new ReadModelCheckpoint(position, directory.state(), workloads.saved());
    }

    /** Into directories still empty, before the tail starts from {@link #position()}. */
    public void restoreInto(IdentityDirectory identities, WorkloadDirectory workloadDirectory) {
        identities.restore(directory);
        workloadDirectory.restore(workloads);
    }
}
