package dev.mayfly.cli;

import dev.mayfly.runtime.MayflyVersion;
import java.io.PrintStream;

/** ./mayfly version: the version this CLI was built as, and the Java it runs on. */
public final class VersionCommand {

    private VersionCommand() {
    }

    public static int run(PrintStream out) {
        out.println("mayfly " + MayflyVersion.current() + " (Java " + Runtime.version() + ", " + System.getProperty("java.home") + ")");
        return 0;
    }
}
