package dev.mayfly.eventstore;

import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Recognizes the failure of a change that lost a race: another request changed (or created) the same aggregate first,
 * and the event store refused the second stream of events. The caller may simply try again; AWS's services answer
 * such a request with ConcurrentModification.
 */
public final class ConcurrentChanges {

    private ConcurrentChanges() {
    }

    public static boolean lostRace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }
}
