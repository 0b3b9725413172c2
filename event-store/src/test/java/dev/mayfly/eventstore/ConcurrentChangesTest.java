package dev.mayfly.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

class ConcurrentChangesTest {

    @Test
    void lostRaceWhenConcurrencyFailureAnywhereInTheChainThenTrue() {
        assertThat(ConcurrentChanges.lostRace(new ConcurrencyException("sequence taken"))).isTrue();
        assertThat(ConcurrentChanges.lostRace(new IllegalStateException("commit failed",
                new AggregateStreamCreationException("stream exists")))).isTrue();
        assertThat(ConcurrentChanges.lostRace(new IllegalStateException("something else"))).isFalse();
    }
}
