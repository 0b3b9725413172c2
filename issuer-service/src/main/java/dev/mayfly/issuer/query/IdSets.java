package dev.mayfly.issuer.query;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The indexes a projection keeps beside its views, from an id to the ids of what relates to it (a user's groups, an
 * entity's policies): sets changed in place, so a snapshot copies them, and a restore makes them concurrent again.
 */
final class IdSets {

    private IdSets() {
    }

    static Map<String, Set<String>> copy(Map<String, Set<String>> index) {
        Map<String, Set<String>> copy = new HashMap<>();
        index.forEach((id, related) -> {
            if (!related.isEmpty()) {
                copy.put(id, Set.copyOf(related));
            }
        });
        return copy;
    }

    static void restore(Map<String, Set<String>> index, Map<String, Set<String>> saved) {
        saved.forEach((id, related) -> {
            Set<String> set = ConcurrentHashMap.newKeySet();
            set.addAll(related);
            index.put(id, set);
        });
    }
}
