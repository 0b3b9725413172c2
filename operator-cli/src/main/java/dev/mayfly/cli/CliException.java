package dev.mayfly.cli;

/** A failure to report to the user in one clear sentence, without a stack trace. */
public final class CliException extends RuntimeException {

    public CliException(String message) {
        super(message, null, false, false);
    }
}
