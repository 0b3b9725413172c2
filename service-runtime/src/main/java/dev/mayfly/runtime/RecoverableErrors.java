package dev.mayfly.runtime;

/**
 * Which {@link Error}s a request may end with while the process goes on serving others: a failed assertion (a library's,
 * when assertions are enabled: PostgreSQL's driver asserted while its server went away under load), a linkage error (a
 * half-replaced deployment), a stack overflow (a request that drove some recursion too deep, unwound by the time it is
 * caught). Such a request is answered 500, and recorded where its endpoint records calls. The JVM's own failures
 * (out of memory, an internal error) are not: they are left to the thread's end.
 */
public final class RecoverableErrors {

    private RecoverableErrors() {
    }

    /** Throws the error again unless a request may end with it while the process serves on. */
    public static void rethrowUnlessRecoverable(Error error) {
        if (error instanceof VirtualMachineError && !(error instanceof StackOverflowError)) {
            throw error;
        }
    }
}
