package dev.mayfly.cli;

import dev.mayfly.runtime.Settings;
import java.io.PrintStream;

/**
 * ./mayfly keys rotate: a new key seals session tokens from now on; tokens sealed before keep opening until
 * their sessions have expired, and keys retired longer than the longest session are dropped.
 */
public final class KeysCommand {

    private KeysCommand() {
    }

    public static int run(String[] args, Settings settings, PrintStream out, PrintStream err) {
        if (args.length != 1 || !args[0].equals("rotate")) {
            err.println("Usage: ./mayfly keys rotate");
            return 2;
        }
        out.println(new AdminClient(settings).post("/mayfly/admin/token-keys/rotate", "{}"));
        return 0;
    }
}
