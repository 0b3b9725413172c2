package dev.mayfly.issuer.analyzer;

import dev.mayfly.issuer.api.FindingFilter.ArchiveRule;
import dev.mayfly.issuer.query.AnalyzerViews.AnalyzerView;
import dev.mayfly.issuer.query.AnalyzerViews.ExposureHistory;
import dev.mayfly.issuer.query.AnalyzerViews.RoleTrustView;
import dev.mayfly.issuer.query.AnalyzerViews.StatusUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * An analyzer's findings, from the exposures its account's roles have had: each exposure current since the analyzer
 * exists, or resolved after it was created, is a finding. Its id is the same for the same analyzer, role and principal
 * (a name-based UUID), so a finding resolved and found again is the same finding. Its status: RESOLVED once the trust
 * policy no longer lets the principal in; else what UpdateFindings last set since it was (again) found; else ARCHIVED
 * when one of the analyzer's archive rules matches it; else ACTIVE.
 */
final class Findings {

    private Findings() {
    }

    /** Every finding of the analyzer, by resource then id: the order ListFindings pages through. */
    static List<Finding> of(AnalyzerView analyzer, List<RoleTrustView> roles) {
        List<Finding> findings = new ArrayList<>();
        for (RoleTrustView role : roles) {
            for (ExposureHistory history : role.exposures().values()) {
                if (history.resolved() && history.resolvedAt().isBefore(analyzer.createdAt())) {
                    continue;
                }
                findings.add(finding(analyzer, role, history));
            }
        }
        findings.sort(Comparator.comparing(Finding::resource).thenComparing(Finding::id));
        return findings;
    }

    static String id(String analyzerArn, String roleArn, String exposureKey) {
        return UUID.nameUUIDFromBytes((analyzerArn + "\n" + roleArn + "\n" + exposureKey).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Finding finding(AnalyzerView analyzer, RoleTrustView role, ExposureHistory history) {
        String id = id(analyzer.arn(), role.roleArn(), history.exposure().key());
        Instant createdAt = later(history.firstSeen(), analyzer.createdAt());
        Instant analyzedAt = later(history.analyzedAt(), analyzer.createdAt());
        Instant updatedAt = later(history.updatedAt(), createdAt);
        StatusUpdate decided = analyzer.statusUpdates().get(id);
        boolean userDecided = decided != null && !decided.at().isBefore(history.activeSince());
        String status;
        if (history.resolved()) {
            status = "RESOLVED";
        } else if (userDecided) {
            status = decided.status();
            updatedAt = later(updatedAt, decided.at());
        } else {
            status = "ACTIVE";
        }
        Finding finding = new Finding(id, role.roleArn(), role.accountId().value(), history.exposure(), createdAt, analyzedAt,
                updatedAt, status);
        if (status.equals("ACTIVE") && !userDecided && archivedByRule(analyzer.archiveRules(), finding)) {
            finding = new Finding(id, finding.resource(), finding.resourceOwnerAccount(), finding.exposure(), createdAt, analyzedAt,
                    updatedAt, "ARCHIVED");
        }
        return finding;
    }

    private static boolean archivedByRule(List<ArchiveRule> rules, Finding finding) {
        return rules.stream().anyMatch(rule -> rule.filter().matches(finding::valueOf));
    }

    private static Instant later(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }
}
