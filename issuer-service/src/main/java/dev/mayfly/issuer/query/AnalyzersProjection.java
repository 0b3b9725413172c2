package dev.mayfly.issuer.query;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.AnalyzerEvents.AnalyzerCreated;
import dev.mayfly.issuer.api.AnalyzerEvents.AnalyzerDeleted;
import dev.mayfly.issuer.api.AnalyzerEvents.FindingStatusesUpdated;
import dev.mayfly.issuer.api.AnalyzerRef;
import dev.mayfly.issuer.api.RoleEvents.RoleCreated;
import dev.mayfly.issuer.api.RoleEvents.RoleDeleted;
import dev.mayfly.issuer.api.RoleEvents.TrustPolicyUpdated;
import dev.mayfly.issuer.query.AnalyzerViews.AnalyzerView;
import dev.mayfly.issuer.query.AnalyzerViews.ExposureHistory;
import dev.mayfly.issuer.query.AnalyzerViews.RoleTrustView;
import dev.mayfly.issuer.query.AnalyzerViews.Saved;
import dev.mayfly.issuer.query.AnalyzerViews.TrustExposure;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IAM Access Analyzer's analyzers, and every role's exposures outside its account, kept current from the roles' own
 * events (created, trust policy updated, deleted) and dated by them: a trust policy is analyzed once per change, never
 * per call, and an exposure a change or a deletion takes away stays, resolved, for the findings to show it.
 */
final class AnalyzersProjection implements Projection {

    private final ViewMap<AnalyzerView> analyzers = new ViewMap<>(AnalyzerView::accountId);
    /** By role ARN: a role deleted and created again under another path is another resource. */
    private final ViewMap<RoleTrustView> trust = new ViewMap<>(RoleTrustView::accountId);
    /** Each live role's ARN, by its ref's id: TrustPolicyUpdated names the role by its ref. */
    private final Map<String, String> roleArns = new ConcurrentHashMap<>();

    @Override
    public void subscribe(EventDispatcher.Routes routes) {
        routes.on(AnalyzerCreated.class, this::on)
                .on(AnalyzerDeleted.class, this::on)
                .on(FindingStatusesUpdated.class, this::on)
                .on(RoleCreated.class, this::on)
                .on(TrustPolicyUpdated.class, this::on)
                .on(RoleDeleted.class, this::on);
    }

    void on(AnalyzerCreated e) {
        analyzers.put(e.analyzer(), new AnalyzerView(e.analyzer().account(), e.analyzer().analyzerName(), e.arn(), e.type(),
                e.createdAt(), e.tags(), e.archiveRules(), Map.of()));
    }

    void on(AnalyzerDeleted e) {
        analyzers.remove(e.analyzer());
    }

    void on(FindingStatusesUpdated e) {
        analyzers.update(e.analyzer(), a -> a.withStatus(e.findingIds(), e.status(), e.at()));
    }

    void on(RoleCreated e) {
        roleArns.put(e.role().toString(), e.arn());
        analyzed(e.role().account(), e.arn(), TrustExposures.of(e.trustPolicy(), e.role().account()), e.createdAt());
    }

    void on(TrustPolicyUpdated e) {
        String arn = roleArns.get(e.role().toString());
        if (arn == null) {
            return;
        }
        // events stored before they carried a time: as of the last analysis, the best this replay knows
        Instant at = e.updatedAt() != null ? e.updatedAt() : lastAnalyzed(arn);
        analyzed(e.role().account(), arn, TrustExposures.of(e.trustPolicy(), e.role().account()), at);
    }

    void on(RoleDeleted e) {
        String arn = roleArns.remove(e.role().toString());
        if (arn != null) {
            analyzed(e.role().account(), arn, List.of(), e.deletedAt());
        }
    }

    private Instant lastAnalyzed(String roleArn) {
        return trust.get(roleArn).flatMap(view -> view.exposures().values().stream().map(ExposureHistory::analyzedAt)
                .max(Comparator.naturalOrder())).orElse(Instant.EPOCH);
    }

    /** The role's exposures after an analysis at that time: new ones begin, gone ones resolve, the rest are re-dated. */
    private void analyzed(AccountId account, String roleArn, List<TrustExposure> current, Instant at) {
        Map<String, ExposureHistory> before = trust.get(roleArn).map(RoleTrustView::exposures).orElse(Map.of());
        if (before.isEmpty() && current.isEmpty()) {
            return;
        }
        Map<String, ExposureHistory> after = new HashMap<>();
        before.forEach((key, history) -> after.put(key, history.resolved() ? history
                : new ExposureHistory(history.exposure(), history.firstSeen(), history.activeSince(), at, at, at)));
        for (TrustExposure exposure : current) {
            ExposureHistory was = before.get(exposure.key());
            ExposureHistory now;
            if (was == null) {
                now = new ExposureHistory(exposure, at, at, at, at, null);
            } else if (was.resolved()) {
                now = new ExposureHistory(exposure, was.firstSeen(), at, at, at, null);
            } else {
                now = new ExposureHistory(exposure, was.firstSeen(), was.activeSince(),
                        exposure.equals(was.exposure()) ? was.updatedAt() : at, at, null);
            }
            after.put(exposure.key(), now);
        }
        trust.put(roleArn, new RoleTrustView(account, roleArn, Map.copyOf(after)));
    }

    Optional<AnalyzerView> analyzer(AnalyzerRef analyzer) {
        return analyzers.get(analyzer);
    }

    List<AnalyzerView> analyzersIn(AccountId account) {
        return analyzers.in(account, Comparator.comparing(AnalyzerView::name));
    }

    List<RoleTrustView> trustIn(AccountId account) {
        return trust.in(account, Comparator.comparing(RoleTrustView::roleArn));
    }

    Saved saved() {
        return new Saved(analyzers.saved(), trust.saved(), Map.copyOf(roleArns));
    }

    void restore(Saved saved) {
        if (saved != null) {
            analyzers.restore(saved.analyzers());
            trust.restore(saved.trust());
            roleArns.putAll(saved.roleArns());
        }
    }
}
