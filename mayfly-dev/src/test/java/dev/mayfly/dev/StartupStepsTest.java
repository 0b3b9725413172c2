package dev.mayfly.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StartupStepsTest {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final StartupSteps steps = new StartupSteps(new PrintStream(console, true, StandardCharsets.UTF_8), 4);

    private record Service(String name) implements AutoCloseable {
        @Override
        public void close() {
        }
    }

    private String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void togetherWhenStepsWaitOnEachOtherThenTheyRunAtOnce() throws Exception {
        CountDownLatch bothStarting = new CountDownLatch(2);
        StartupSteps.Start<Service> waitingForTheOther = () -> {
            bothStarting.countDown();
            // one after the other, the first would wait here for ever (well, five seconds)
            assertThat(bothStarting.await(5, TimeUnit.SECONDS)).isTrue();
            return new Service("started");
        };

        List<AutoCloseable> started = steps.together(List.of(new StartupSteps.Step<>("first", waitingForTheOther),
                new StartupSteps.Step<>("second", waitingForTheOther)), new ArrayList<>());

        assertThat(started).hasSize(2);
        assertThat(console()).contains("/4] first ... ready (", "/4] second ... ready (").contains("[1/4]", "[2/4]");
    }

    @Test
    void togetherWhenOneStepFailsThenTheOthersAreHandedBackToStopAndTheFailureThrown() {
        Service kafka = new Service("kafka");
        Service elasticsearch = new Service("elasticsearch");
        List<AutoCloseable> started = new ArrayList<>();

        assertThatThrownBy(() -> steps.together(List.of(
                new StartupSteps.Step<>("PostgreSQL", () -> {
                    throw new IllegalStateException("port 5433 is taken");
                }),
                new StartupSteps.Step<>("Kafka", () -> kafka),
                new StartupSteps.Step<>("Elasticsearch", () -> elasticsearch)), started))
                .isInstanceOf(IllegalStateException.class).hasMessage("port 5433 is taken");

        assertThat(started).containsExactly(kafka, elasticsearch);
        assertThat(console()).doesNotContain("PostgreSQL");
    }

    @Test
    void stepWhenTakenAfterStepsTogetherThenNumberedAfterThem() throws Exception {
        steps.together(List.of(new StartupSteps.Step<>("infrastructure", () -> new Service("one"))), new ArrayList<>());

        steps.step("issuer", () -> "issuer");

        assertThat(console()).contains("[1/4] infrastructure ... ready (", "[2/4] issuer ... ready (");
    }
}
