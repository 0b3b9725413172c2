package dev.mayfly.dev;

import dev.mayfly.runtime.MayflyVersion;
import java.io.PrintStream;

/** ./mayfly version: the version this CLI was built as, and the Java it runs on. */
final class VersionCommand {

    private VersionCommand() {
    }

    static int run(PrintStream out) {
        out.println("mayfly " + MayflyVersion.current() + " (Java " + Runtime.version() + ", " + System.getProperty("java.home") + ")");
        return 0;
    }
}
