package dev.mayfly.eventstore;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.runtime.audit.CallRecorder;
import java.util.function.Function;
import java.util.function.Supplier;

/** Records a call in the same unit of work, and so the same transaction, as whatever the call changed. */
public final class EventStoreCallRecorder implements CallRecorder {

    private final ApiCallRecorder recorder;

    public EventStoreCallRecorder(ApiCallRecorder recorder) {
        this.recorder = recorder;
    }

    /** @throws dev.mayfly.runtime.AwsServiceException ServiceUnavailable when the database cannot be reached */
    @Override
    public <T> T recorded(Supplier<T> work, Function<T, ApiCallRecorded> record) {
        try {
            return UnitsOfWork.inTransaction(() -> {
                T result = work.get();
                recorder.record(record.apply(result));
                return result;
            });
        } catch (RuntimeException e) {
            // else answered 500 InternalFailure, which says the fault is the service's own and not worth a retry
            if (DatabaseUnreachable.in(e)) {
                throw CallRecorder.unrecorded();
            }
            throw e;
        }
    }
}
