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

    @Override
    public <T> T recorded(Supplier<T> work, Function<T, ApiCallRecorded> record) {
        return UnitsOfWork.inTransaction(() -> {
            T result = work.get();
            recorder.record(record.apply(result));
            return result;
        });
    }
}
