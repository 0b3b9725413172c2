package dev.mayfly.issuer.api;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IAM's and STS's rule for tag keys: compared without regard to case, spelled as last given. A tag replaces the one
 * whose key differs only in case.
 */
public final class Tagging {

    private Tagging() {
    }

    /** The key in a tag map that equals this one without regard to case, or null. */
    public static String find(Map<String, String> tags, String key) {
        for (String existing : tags.keySet()) {
            if (existing.equalsIgnoreCase(key)) {
                return existing;
            }
        }
        return null;
    }

    /** Tags with others applied over them. */
    public static Map<String, String> merged(Map<String, String> base, Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(base);
        overrides.forEach((key, value) -> {
            merged.remove(find(merged, key));
            merged.put(key, value);
        });
        return Collections.unmodifiableMap(merged);
    }

    /** IAM's quota of tags per user, role and managed policy. */
    public static final int MAX_TAGS_PER_ENTITY = 50;

    /**
     * The tags to record as added to an entity's: none when none are given.
     *
     * @throws dev.mayfly.runtime.AwsServiceException LimitExceeded when the entity would have more than
     *                                                {@link #MAX_TAGS_PER_ENTITY}
     */
    public static Optional<Map<String, String>> additions(Map<String, String> current, Map<String, String> added, String quotaName) {
        if (added.isEmpty()) {
            return Optional.empty();
        }
        if (merged(current, added).size() > MAX_TAGS_PER_ENTITY) {
            throw IamErrors.limitExceeded("Cannot exceed quota for " + quotaName + ": " + MAX_TAGS_PER_ENTITY);
        }
        return Optional.of(added);
    }

    /** The keys to record as removed: those that name a tag (untagging keys of no tag changes nothing), none if no key does. */
    public static Optional<List<String>> removals(Map<String, String> tags, Collection<String> keys) {
        List<String> present = keys.stream().filter(key -> find(tags, key) != null).toList();
        return present.isEmpty() ? Optional.empty() : Optional.of(present);
    }

    /** Tags without the given keys. */
    public static Map<String, String> without(Map<String, String> tags, Collection<String> keys) {
        Map<String, String> remaining = new LinkedHashMap<>(tags);
        keys.forEach(key -> remaining.remove(find(remaining, key)));
        return Collections.unmodifiableMap(remaining);
    }
}
