package dev.mayfly.issuer.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every action the Query endpoint serves, by its Action name: the one place actions are registered, made of the
 * {@link ActionGroup}s of the resources they act on. docs/served-actions.md lists the same names, and a test holds the
 * two (and the table in docs/compatibility.md) together.
 */
public final class ActionCatalog {

    private final Map<String, QueryAction> byName;

    private ActionCatalog(Map<String, QueryAction> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** The actions of these groups; two actions of one name are a wiring mistake, refused before anything is served. */
    public static ActionCatalog of(List<ActionGroup> groups) {
        Map<String, QueryAction> byName = new LinkedHashMap<>();
        for (ActionGroup group : groups) {
            for (QueryAction action : group.actions()) {
                if (byName.putIfAbsent(action.name(), action) != null) {
                    throw new IllegalStateException("two actions are named " + action.name());
                }
            }
        }
        return new ActionCatalog(byName);
    }

    /** The actions, by their Action parameter. */
    Map<String, QueryAction> byName() {
        return byName;
    }

    /** The names of the actions of one service, sorted. */
    public SortedSet<String> names(AwsService service) {
        SortedSet<String> names = new TreeSet<>();
        byName.values().stream().filter(action -> action.service() == service).forEach(action -> names.add(action.name()));
        return Collections.unmodifiableSortedSet(names);
    }
}
