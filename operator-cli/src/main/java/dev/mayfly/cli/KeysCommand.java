package dev.mayfly.cli;

import dev.mayfly.runtime.Settings;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * ./mayfly keys: {@code init} makes the deployment's key rings once ({@link KeysInitCommand}); {@code rotate RING} puts a
 * new key in use in one ring on mayfly.keys, in every process that follows it ({@link KeysRotateCommand}); {@code rotate}
 * alone puts a new key in use for session tokens and session claims, in every issuer (through the issuer's admin API, so
 * it works without a key-encryption key too; tokens sealed before keep opening until their sessions have expired, and keys
 * retired longer than the longest session are dropped); {@code status} shows which key each service uses
 * ({@link KeysStatusCommand}).
 */
public final class KeysCommand {

    static final String USAGE = "Usage: ./mayfly keys init [--force RING...] | rotate [RING] | status [--json]";

    private KeysCommand() {
    }

    public static int run(String[] args, Settings settings, PrintStream out, PrintStream err) {
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        return switch (args.length == 0 ? "" : args[0]) {
            case "init" -> KeysInitCommand.run(rest, settings, out, err);
            case "status" -> KeysStatusCommand.run(rest, settings, out, err);
            case "rotate" -> {
                if (rest.length == 1) {
                    yield KeysRotateCommand.run(rest[0], settings, out, err);
                }
                if (rest.length != 0) {
                    err.println(USAGE);
                    yield 2;
                }
                out.println(new AdminClient(settings).post("/mayfly/admin/token-keys/rotate", "{}"));
                yield 0;
            }
            default -> {
                err.println(USAGE);
                yield 2;
            }
        };
    }
}
