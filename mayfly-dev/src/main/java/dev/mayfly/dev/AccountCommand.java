package dev.mayfly.dev;

import dev.mayfly.dev.MayflyCli.CliException;
import dev.mayfly.runtime.Settings;
import java.io.PrintStream;

/** ./mayfly account create NAME: a new tenant, its root credentials printed once as JSON. */
final class AccountCommand {

    private AccountCommand() {
    }

    static int run(String[] args, Settings settings, PrintStream out, PrintStream err) {
        if (args.length != 2 || !args[0].equals("create")) {
            err.println("Usage: ./mayfly account create NAME");
            return 2;
        }
        String name = args[1];
        if (name.isBlank() || name.length() > 64) {
            throw new CliException("An account name is 1 to 64 characters.");
        }
        out.println(new AdminClient(settings).post("/mayfly/admin/accounts", "{\"Name\":" + quote(name) + "}"));
        return 0;
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
