package dev.mayfly.eventstore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Runs work in one Axon unit of work, and so in one database transaction: commands sent and events
 * published inside it are stored together when it commits, or not at all.
 */
public final class UnitsOfWork {

    private static final String AFTER_COMMIT_QUEUE = UnitsOfWork.class.getName() + ".afterCommit";

    private UnitsOfWork() {
    }

    public static <T> T inTransaction(Callable<T> work) {
        ResultMessage<T> result = DefaultUnitOfWork.startAndGet(null).executeWithResult(work);
        if (result.isExceptional()) {
            throw Failures.unchecked(result.exceptionResult());
        }
        return result.getPayload();
    }

    /**
     * Runs an action once the current unit of work has committed (at once when there is none): how in-memory
     * projections make sure they never show a change that was rolled back. Actions run in the order they were
     * registered: Axon runs after-commit handlers in reverse order, which would apply a unit of work's later
     * events before its earlier ones (a role's boundary before the role), so they queue behind one handler.
     */
    public static void afterCommit(Runnable action) {
        if (!CurrentUnitOfWork.isStarted()) {
            action.run();
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<Runnable> queue = root.getOrComputeResource(AFTER_COMMIT_QUEUE, key -> {
            List<Runnable> actions = new ArrayList<>();
            root.afterCommit(u -> actions.forEach(Runnable::run));
            return actions;
        });
        queue.add(action);
    }
}
