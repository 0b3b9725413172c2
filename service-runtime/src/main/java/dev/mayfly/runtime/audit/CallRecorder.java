package dev.mayfly.runtime.audit;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.runtime.AwsServiceException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Makes the record of a call durable before its answer leaves: a service with an event store commits it in the same
 * transaction as whatever the call changed; a service without one sends it to mayfly.events and waits for Kafka.
 */
public interface CallRecorder {

    /**
     * Does the work and records what it returns, durably, or neither when either fails.
     *
     * @param record the call's record, made from what the work returned
     * @throws AwsServiceException ServiceUnavailable when the record could not be made durable
     */
    <T> T recorded(Supplier<T> work, Function<T, ApiCallRecorded> record);

    /** What a call is answered when its record could not be made durable: 503, which AWS's SDKs retry. */
    static AwsServiceException unrecorded() {
        return new AwsServiceException("ServiceUnavailable", "The request could not be recorded. Try again later.", 503);
    }
}
