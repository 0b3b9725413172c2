package dev.mayfly.runtime;

import org.apache.logging.log4j.LogManager;

/** A JVM of its own for {@link LogFormatEnvironmentTest}: logs one line at INFO through log4j (the services log
 * through slf4j to the same log4j), and exits. */
public final class LogOneLine {

    private LogOneLine() {
    }

    public static void main(String[] args) {
        LogManager.getLogger("dev.mayfly.runtime.LogOneLine").info(args[0]);
    }
}
