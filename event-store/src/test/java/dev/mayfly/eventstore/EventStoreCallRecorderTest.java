package dev.mayfly.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.runtime.AwsServiceException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.axonframework.eventhandling.SimpleEventBus;
import org.junit.jupiter.api.Test;

class EventStoreCallRecorderTest {

    private final EventStoreCallRecorder recorder = new EventStoreCallRecorder(new ApiCallRecorder(SimpleEventBus.builder().build()));

    @Test
    void recordedWhenTheDatabaseCannotBeReachedThenServiceUnavailableWhichClientsRetry() {
        assertThatThrownBy(() -> recorder.recorded(() -> {
            throw new IllegalStateException("could not store", new SQLTransientConnectionException(
                    "issuer - Connection is not available, request timed out after 30000ms", "08001"));
        }, result -> ApiCallSamples.getCallerIdentity("unreachable")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("ServiceUnavailable");
                    assertThat(e.httpStatus()).isEqualTo(503);
                });
    }

    @Test
    void recordedWhenTheWorkFailsOtherwiseThenThatFailure() {
        IllegalStateException duplicate = new IllegalStateException(new SQLException("duplicate key", "23505"));

        assertThatThrownBy(() -> recorder.recorded(() -> {
            throw duplicate;
        }, result -> ApiCallSamples.getCallerIdentity("duplicate"))).isSameAs(duplicate);
    }
}
