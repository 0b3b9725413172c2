package dev.mayfly.eventstore;

/** Failures that happened in work run elsewhere (a unit of work, the group-commit writer), handed back to the caller. */
final class Failures {

    private Failures() {
    }

    /** The failure as it was when unchecked (an Error is thrown here), else wrapped: for the caller to throw. */
    static RuntimeException unchecked(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }
}
