package dev.mayfly.issuer.query;

import dev.mayfly.issuer.api.AccountId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One projection's views of one kind, by the id of what each shows: a ref's {@code toString()}, the aggregate id, in
 * which a name is spelled as IAM compares it (an access key's id is its own). The directory's one writer replaces a
 * view, never edits it; readers read the concurrent map without a lock.
 */
final class ViewMap<V> {

    private final Map<String, V> views = new ConcurrentHashMap<>();
    private final Function<V, AccountId> accountOf;

    ViewMap(Function<V, AccountId> accountOf) {
        this.accountOf = accountOf;
    }

    /** An order by a name without regard to case, as IAM lists names. */
    static <V> Comparator<V> byName(Function<V, String> name) {
        return Comparator.comparing(view -> name.apply(view).toLowerCase(Locale.ROOT));
    }

    void put(Object id, V view) {
        views.put(id.toString(), view);
    }

    /** Replaces the view by what the change makes of it; nothing when there is none (a change to what was never seen). */
    void update(Object id, UnaryOperator<V> change) {
        views.computeIfPresent(id.toString(), (key, view) -> change.apply(view));
    }

    void remove(Object id) {
        views.remove(id.toString());
    }

    boolean contains(Object id) {
        return views.containsKey(id.toString());
    }

    Optional<V> get(Object id) {
        return Optional.ofNullable(views.get(id.toString()));
    }

    /** Every view by its id, for a snapshot of the directory: a copy of the map (the views themselves never change). */
    Map<String, V> saved() {
        return Map.copyOf(views);
    }

    /** The views of a snapshot, into an empty map. */
    void restore(Map<String, V> saved) {
        views.putAll(saved);
    }

    /** An account's views in that order: a scan of every view (an index per account is owed for large installations). */
    List<V> in(AccountId account, Comparator<? super V> order) {
        return views.values().stream().filter(view -> accountOf.apply(view).equals(account)).sorted(order).toList();
    }
}
