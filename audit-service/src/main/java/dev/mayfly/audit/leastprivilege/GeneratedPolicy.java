package dev.mayfly.audit.leastprivilege;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.contract.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The policy document made of the actions a principal used, grouped as IAM Access Analyzer groups its generated
 * policies: one statement per set of resources, its actions together; actions whose records name no resource (or not
 * every time, or too many to list) in one statement on "*", first. Sorted, so that the same use makes the same text.
 */
final class GeneratedPolicy {

    /** Every resource, where the records do not say which. */
    static final String ANY = "*";
    private final Map<String, SortedSet<String>> resourcesByAction = new TreeMap<>();

    /** Adds a used action on the resources named (or {@link #ANY}); an action used on "*" once is used on "*". */
    void allow(String action, Set<String> resources) {
        SortedSet<String> known = resourcesByAction.computeIfAbsent(action, a -> new TreeSet<>());
        if (resources.contains(ANY) || known.contains(ANY)) {
            known.clear();
            known.add(ANY);
        } else {
            known.addAll(resources);
        }
    }

    boolean isEmpty() {
        return resourcesByAction.isEmpty();
    }

    int actions() {
        return resourcesByAction.size();
    }

    /** {"Version": "2012-10-17", "Statement": [...]}: no statement when nothing was used (a policy that allows nothing). */
    ObjectNode document() {
        Map<List<String>, SortedSet<String>> actionsByResources = new TreeMap<>(Comparator
                .comparing((List<String> resources) -> !resources.equals(List.of(ANY))).thenComparing(resources -> String.join(",", resources)));
        resourcesByAction.forEach((action, resources) ->
                actionsByResources.computeIfAbsent(new ArrayList<>(resources), r -> new TreeSet<>()).add(action));
        ObjectNode document = Json.mapper().createObjectNode().put("Version", "2012-10-17");
        ArrayNode statements = document.putArray("Statement");
        actionsByResources.forEach((resources, actions) -> {
            ObjectNode statement = statements.addObject().put("Effect", "Allow");
            oneOrMany(statement, "Action", actions);
            oneOrMany(statement, "Resource", resources);
        });
        return document;
    }

    /** A single value as a string, several as an array, as IAM writes them. */
    private static void oneOrMany(ObjectNode statement, String name, java.util.Collection<String> values) {
        if (values.size() == 1) {
            statement.put(name, values.iterator().next());
        } else {
            ArrayNode array = statement.putArray(name);
            values.forEach(array::add);
        }
    }
}
