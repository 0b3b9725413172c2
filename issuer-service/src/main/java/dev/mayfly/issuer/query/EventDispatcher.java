package dev.mayfly.issuer.query;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Hands an event to the projections that follow its class. The routes are built once, from every projection's
 * subscriptions, so that applying an event is one map lookup and an event that no projection follows (most of them:
 * every API call but those signed with a long-term key, the workloads' events, ...) costs nothing more. Events are
 * records, so their exact class is the key: no subclass can slip past.
 */
final class EventDispatcher {

    private final Map<Class<?>, Consumer<Object>> handlers;

    /** The projections in the order their handlers run when two follow the same event. */
    EventDispatcher(Projection... projections) {
        Routes routes = new Routes();
        for (Projection projection : projections) {
            projection.subscribe(routes);
        }
        this.handlers = Map.copyOf(routes.handlers);
    }

    void dispatch(Object event) {
        Consumer<Object> handler = handlers.get(event.getClass());
        if (handler != null) {
            handler.accept(event);
        }
    }

    /** Where a projection says which events it follows; an event followed twice runs both handlers, in that order. */
    static final class Routes {

        private final Map<Class<?>, Consumer<Object>> handlers = new HashMap<>();

        private Routes() {
        }

        <E> Routes on(Class<E> type, Consumer<E> handler) {
            Consumer<Object> typed = event -> handler.accept(type.cast(event));
            handlers.merge(type, typed, Consumer::andThen);
            return this;
        }
    }
}
