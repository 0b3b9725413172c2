package dev.mayfly.eventstore;

import java.util.concurrent.Callable;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

/**
 * Runs work in one Axon unit of work, and so in one database transaction: commands sent and events
 * published inside it are stored together when it commits, or not at all.
 */
public final class UnitsOfWork {

    private UnitsOfWork() {
    }

    public static <T> T inTransaction(Callable<T> work) {
        ResultMessage<T> result = DefaultUnitOfWork.startAndGet(null).executeWithResult(work);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failure);
        }
        return result.getPayload();
    }

    /**
     * Runs an action once the current unit of work has committed (at once when there is none): how
     * in-memory projections make sure they never show a change that was rolled back.
     */
    public static void afterCommit(Runnable action) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(u -> action.run());
        } else {
            action.run();
        }
    }
}
