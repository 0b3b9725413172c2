package dev.mayfly.dev;

import dev.mayfly.audit.AuditMain;
import dev.mayfly.issuer.IssuerMain;
import dev.mayfly.revocation.RevocationMain;
import dev.mayfly.runtime.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * ./mayfly serve issuer|audit|revocation: one service in this process, as its container image runs it, for an
 * installation without Docker. The service's main registers its own shutdown hook; this thread only waits, so that
 * the CLI's exit does not end the JVM while the service serves.
 *
 * <p>With {@value #STOP_WITH_PARENT} set to true (./mayfly dev --issuers sets it for the services it starts), the
 * service also stops when its standard input closes: the parent holds the other end, and the kernel closes it however
 * the parent ends, kill -9 included, so that no service outlives the dev mode that started it.
 */
final class ServeCommand {

    static final String USAGE = "Usage: ./mayfly serve issuer | audit | revocation";
    static final String STOP_WITH_PARENT = "MAYFLY_STOP_WITH_PARENT";

    private ServeCommand() {
    }

    static int run(String[] args, Settings settings, PrintStream err) {
        if (args.length != 1) {
            err.println(USAGE);
            return 2;
        }
        if (settings.string(STOP_WITH_PARENT, "false").equalsIgnoreCase("true")) {
            Thread.ofPlatform().daemon().name("stop-with-parent").start(ServeCommand::exitAtEndOfInput);
        }
        try {
            switch (args[0]) {
                case "issuer" -> IssuerMain.main(new String[0]);
                case "audit" -> AuditMain.main(new String[0]);
                case "revocation" -> RevocationMain.main(new String[0]);
                default -> {
                    err.println(USAGE);
                    return 2;
                }
            }
            new CountDownLatch(1).await();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            err.println("The " + args[0] + " service did not start: " + e.getMessage());
            return 1;
        }
    }

    /** Waits for standard input to close (the parent has ended), then exits: the service's shutdown hook stops it. */
    private static void exitAtEndOfInput() {
        try {
            while (System.in.read() >= 0) {
                // the parent writes nothing; anything written is ignored
            }
        } catch (IOException e) {
            // a broken pipe says the same
        }
        System.exit(0);
    }
}
