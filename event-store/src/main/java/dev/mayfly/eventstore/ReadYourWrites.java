package dev.mayfly.eventstore;

import java.time.Duration;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a command's caller until the read model shows its change: after the unit of work that handled the command
 * commits, waits for the event store's tail to finish a read that began after the commit. Without it a caller that
 * created a user and then asked for it could be told there is none, for up to a tick.
 *
 * <p>The wait is bounded: when the store cannot be read, the change is committed all the same and the caller is
 * answered; the read model catches up when the store answers again (and the service's health says it is behind).
 */
public final class ReadYourWrites implements MessageHandlerInterceptor<CommandMessage<?>> {

    static final Duration MAX_WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ReadYourWrites.class);

    private final EventStoreTail tail;

    public ReadYourWrites(EventStoreTail tail) {
        this.tail = tail;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        UnitsOfWork.afterCommit(this::awaitTail);
        return interceptorChain.proceed();
    }

    private void awaitTail() {
        try {
            if (!tail.awaitNextRead(MAX_WAIT)) {
                LOG.warn("a change was committed but the read model did not show it within {} s", MAX_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
