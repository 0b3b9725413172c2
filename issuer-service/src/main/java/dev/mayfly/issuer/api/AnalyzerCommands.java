package dev.mayfly.issuer.api;

import dev.mayfly.issuer.api.FindingFilter.ArchiveRule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands of IAM Access Analyzer's analyzers. */
public final class AnalyzerCommands {

    private AnalyzerCommands() {
    }

    /** @param type the zone of trust: ACCOUNT, the only type Mayfly serves */
    public record CreateAnalyzer(@TargetAggregateIdentifier AnalyzerRef analyzer, String arn, String type, Instant at,
                                 Map<String, String> tags, List<ArchiveRule> archiveRules) {
    }

    public record DeleteAnalyzer(@TargetAggregateIdentifier AnalyzerRef analyzer, Instant at) {
    }

    /** @param status ACTIVE or ARCHIVED, as UpdateFindings sets it */
    public record UpdateFindingStatuses(@TargetAggregateIdentifier AnalyzerRef analyzer, List<String> findingIds, String status,
                                        Instant at) {
    }
}
