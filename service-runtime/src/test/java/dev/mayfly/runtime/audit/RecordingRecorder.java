package dev.mayfly.runtime.audit;

import dev.mayfly.contract.ApiCallRecorded;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/** A recorder that keeps the records it is given, and can be told to fail as a store that is away fails. */
final class RecordingRecorder implements CallRecorder {

    final List<ApiCallRecorded> records = new CopyOnWriteArrayList<>();
    volatile boolean away;

    @Override
    public <T> T recorded(Supplier<T> work, Function<T, ApiCallRecorded> record) {
        T result = work.get();
        if (away) {
            throw new IllegalStateException("the store is away");
        }
        records.add(record.apply(result));
        return result;
    }
}
