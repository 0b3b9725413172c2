package dev.mayfly.issuer.query;

import dev.mayfly.issuer.api.AccountId;
import dev.mayfly.issuer.api.FindingFilter.ArchiveRule;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The read model of IAM Access Analyzer: analyzers, and what the roles' trust policies let in from outside. */
public final class AnalyzerViews {

    private AnalyzerViews() {
    }

    /**
     * An analyzer.
     *
     * @param statusUpdates what UpdateFindings last decided of each finding, by finding id
     */
    public record AnalyzerView(AccountId accountId, String name, String arn, String type, Instant createdAt, Map<String, String> tags,
                               List<ArchiveRule> archiveRules, Map<String, StatusUpdate> statusUpdates) {

        AnalyzerView withStatus(List<String> findingIds, String status, Instant at) {
            Map<String, StatusUpdate> updated = new HashMap<>(statusUpdates);
            findingIds.forEach(id -> updated.put(id, new StatusUpdate(status, at)));
            return new AnalyzerView(accountId, name, arn, type, createdAt, tags, archiveRules, Map.copyOf(updated));
        }
    }

    /** A finding's status as a user set it (ACTIVE or ARCHIVED), and when. */
    public record StatusUpdate(String status, Instant at) {
    }

    /**
     * One principal outside the role's account that a trust policy lets assume the role: what an Access Analyzer finding
     * reports of it.
     *
     * @param principalType  "AWS" or "Federated", the key of the finding's principal
     * @param principalValue an account id, an ARN, a provider, or "*"
     * @param actions        the sts:AssumeRole* actions it is allowed
     * @param condition      the statement's condition keys and their values (comma-joined), as the finding shows them
     * @param isPublic       anyone may assume the role: "*", and no condition that limits who
     */
    public record TrustExposure(String principalType, String principalValue, List<String> actions, Map<String, String> condition,
                                boolean isPublic) {

        /** What distinguishes one exposure of a role from another: its principal. */
        public String key() {
            return principalType + "|" + principalValue;
        }
    }

    /**
     * An exposure through its life, as the role's events tell it.
     *
     * @param firstSeen   when the trust policy first let the principal in
     * @param activeSince when it last began to (again, after a resolution)
     * @param updatedAt   when what it allows last changed
     * @param analyzedAt  when the trust policy was last analyzed (each change of it)
     * @param resolvedAt  when the trust policy stopped letting the principal in (or the role went); null while it does
     */
    public record ExposureHistory(TrustExposure exposure, Instant firstSeen, Instant activeSince, Instant updatedAt,
                                  Instant analyzedAt, Instant resolvedAt) {

        public boolean resolved() {
            return resolvedAt != null;
        }
    }

    /** A role's exposures, current and resolved, by {@link TrustExposure#key()}. */
    public record RoleTrustView(AccountId accountId, String roleArn, Map<String, ExposureHistory> exposures) {
    }

    /** What a snapshot of the read model keeps of Access Analyzer: the views by id, and each live role's ARN by its ref. */
    public record Saved(Map<String, AnalyzerView> analyzers, Map<String, RoleTrustView> trust, Map<String, String> roleArns) {
    }
}
