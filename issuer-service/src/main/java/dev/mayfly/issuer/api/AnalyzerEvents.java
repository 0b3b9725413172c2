package dev.mayfly.issuer.api;

import dev.mayfly.contract.AccountScoped;
import dev.mayfly.issuer.api.FindingFilter.ArchiveRule;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Events of IAM Access Analyzer's analyzers. The findings themselves are no events: they follow from the roles' trust
 * policies (their events), and only what a user decides of them (archiving) is kept here.
 */
public final class AnalyzerEvents {

    private AnalyzerEvents() {
    }

    public record AnalyzerCreated(AnalyzerRef analyzer, String arn, String type, Instant createdAt, Map<String, String> tags,
                                  List<ArchiveRule> archiveRules) implements AccountScoped {
        public AnalyzerCreated {
            tags = tags == null ? Map.of() : Map.copyOf(tags);
            archiveRules = archiveRules == null ? List.of() : List.copyOf(archiveRules);
        }

        @Override
        public String accountId() {
            return analyzer.account().value();
        }
    }

    public record AnalyzerDeleted(AnalyzerRef analyzer, Instant deletedAt) implements AccountScoped {
        @Override
        public String accountId() {
            return analyzer.account().value();
        }
    }

    /** UpdateFindings: these findings of the analyzer are ACTIVE or ARCHIVED from that moment on. */
    public record FindingStatusesUpdated(AnalyzerRef analyzer, List<String> findingIds, String status, Instant at)
            implements AccountScoped {
        public FindingStatusesUpdated {
            findingIds = List.copyOf(findingIds);
        }

        @Override
        public String accountId() {
            return analyzer.account().value();
        }
    }
}
