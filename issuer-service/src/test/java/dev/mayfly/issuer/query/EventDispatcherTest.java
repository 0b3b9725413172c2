package dev.mayfly.issuer.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventDispatcherTest {

    private final List<String> handled = new ArrayList<>();

    @Test
    void dispatchWhenNoProjectionFollowsTheEventThenNoHandlerRuns() {
        EventDispatcher dispatcher = new EventDispatcher(routes -> routes.on(String.class, s -> handled.add("string " + s)));

        dispatcher.dispatch(42);

        assertThat(handled).isEmpty();
    }

    @Test
    void dispatchWhenTwoProjectionsFollowTheEventThenBothRunInTheOrderGiven() {
        EventDispatcher dispatcher = new EventDispatcher(
                routes -> routes.on(String.class, s -> handled.add("first " + s)),
                routes -> routes.on(Integer.class, i -> handled.add("number " + i)).on(String.class, s -> handled.add("second " + s)));

        dispatcher.dispatch("event");

        assertThat(handled).containsExactly("first event", "second event");
    }

    @Test
    void dispatchWhenAProjectionFollowsSeveralEventsThenEachGoesToItsOwnHandler() {
        EventDispatcher dispatcher = new EventDispatcher(
                routes -> routes.on(String.class, s -> handled.add("string " + s)).on(Integer.class, i -> handled.add("number " + i)));

        dispatcher.dispatch(7);
        dispatcher.dispatch("seven");

        assertThat(handled).containsExactly("number 7", "string seven");
    }
}
