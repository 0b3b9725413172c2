package dev.mayfly.issuer.query;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.WorkloadEvents.WorkloadDeleted;
import dev.mayfly.issuer.api.WorkloadEvents.WorkloadRegistered;
import dev.mayfly.issuer.api.WorkloadEvents.WorkloadTokenRevoked;
import dev.mayfly.issuer.api.WorkloadEvents.WorkloadTokenRotated;
import dev.mayfly.issuer.api.WorkloadRef;
import dev.mayfly.issuer.query.Views.WorkloadView;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The live workloads, by name (for their owners) and by id (for the credentials endpoint, whose URI carries the id).
 * Like the identity directory, it follows the event store's tail.
 */
public final class WorkloadDirectory {

    private final Map<String, WorkloadView> byRef = new ConcurrentHashMap<>();
    private final Map<String, WorkloadView> byId = new ConcurrentHashMap<>();

    /** Applies one event from the event store's tail; other events are ignored. */
    public synchronized void apply(Object event) {
        switch (event) {
            case WorkloadRegistered e -> put(new WorkloadView(e.workload(), e.workloadId(), e.arn(), e.roleArn(), e.sessionName(),
                    e.durationSeconds(), List.copyOf(e.allowedSourceCidrs()), e.tokenHash(), List.of(), e.registeredAt(),
                    e.registeredAt(), e.oidcIdentity()));
            case WorkloadTokenRotated e -> update(e.workloadId(), w -> w.withToken(e.tokenHash(), e.rotatedAt()));
            case WorkloadTokenRevoked e -> update(e.workloadId(), w -> w.withToken(null, e.revokedAt()));
            case WorkloadDeleted e -> {
                WorkloadView gone = byId.remove(e.workloadId());
                if (gone != null) {
                    byRef.remove(gone.ref().toString());
                }
            }
            default -> {
            }
        }
    }

    private void put(WorkloadView view) {
        byRef.put(view.ref().toString(), view);
        byId.put(view.workloadId(), view);
    }

    private void update(String workloadId, UnaryOperator<WorkloadView> change) {
        WorkloadView view = byId.get(workloadId);
        if (view != null) {
            put(change.apply(view));
        }
    }

    /** Every workload, for a snapshot of the read model; between two events, as no event is applied meanwhile. */
    public synchronized List<WorkloadView> saved() {
        return List.copyOf(byId.values());
    }

    /** Fills this directory, still empty, with the workloads a snapshot held. */
    public synchronized void restore(List<WorkloadView> saved) {
        saved.forEach(this::put);
    }

    public Optional<WorkloadView> workload(WorkloadRef ref) {
        return Optional.ofNullable(byRef.get(ref.toString()));
    }

    public Optional<WorkloadView> byId(String workloadId) {
        return Optional.ofNullable(byId.get(workloadId));
    }

    public List<WorkloadView> workloadsIn(AccountId account) {
        return byRef.values().stream().filter(w -> w.ref().account().equals(account))
                .sorted(Comparator.comparing(w -> w.ref().name())).toList();
    }
}
