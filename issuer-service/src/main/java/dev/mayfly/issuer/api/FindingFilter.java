package dev.mayfly.issuer.api;

import java.util.List;
import java.util.Map;

/**
 * Access Analyzer's filter of findings (FilterCriteriaMap): each key (status, resource, principal.AWS, condition.KEY, ...)
 * with its criterion; a finding matches when every criterion holds. What ListFindings filters by and what an archive rule
 * archives.
 */
public record FindingFilter(Map<String, Criterion> criteria) {

    public FindingFilter {
        criteria = criteria == null ? Map.of() : Map.copyOf(criteria);
    }

    /**
     * One key's criterion, as AWS's Criterion: each operator given must hold.
     *
     * @param eq       the value is one of these
     * @param neq      the value is none of these
     * @param contains the value contains one of these
     * @param exists   the finding has (true) or has not (false) a value for the key; null when not asked
     */
    public record Criterion(List<String> eq, List<String> neq, List<String> contains, Boolean exists) {
        public Criterion {
            eq = eq == null ? List.of() : List.copyOf(eq);
            neq = neq == null ? List.of() : List.copyOf(neq);
            contains = contains == null ? List.of() : List.copyOf(contains);
        }

        /** Whether a finding's value for the key (null when it has none) satisfies the criterion. */
        public boolean holds(String value) {
            if (exists != null && exists != (value != null)) {
                return false;
            }
            if (!eq.isEmpty() && (value == null || !eq.contains(value))) {
                return false;
            }
            if (!neq.isEmpty() && value != null && neq.contains(value)) {
                return false;
            }
            return contains.isEmpty() || (value != null && contains.stream().anyMatch(value::contains));
        }
    }

    /** An archive rule: the findings its filter matches are archived as they are found. */
    public record ArchiveRule(String ruleName, FindingFilter filter) {
    }

    /** Whether a finding, whose value for each key the function gives (null when none), matches every criterion. */
    public boolean matches(java.util.function.Function<String, String> valueOf) {
        return criteria.entrySet().stream().allMatch(c -> c.getValue().holds(valueOf.apply(c.getKey())));
    }
}
