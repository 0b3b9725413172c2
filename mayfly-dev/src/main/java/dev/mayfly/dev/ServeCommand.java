package dev.mayfly.dev;

import dev.mayfly.audit.AuditMain;
import dev.mayfly.issuer.IssuerMain;
import dev.mayfly.revocation.RevocationMain;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * ./mayfly serve issuer|audit|revocation: one service in this process, as its container image runs it, for an
 * installation without Docker. The service's main registers its own shutdown hook; this thread only waits, so that
 * the CLI's exit does not end the JVM while the service serves.
 */
final class ServeCommand {

    static final String USAGE = "Usage: ./mayfly serve issuer | audit | revocation";

    private ServeCommand() {
    }

    static int run(String[] args, PrintStream err) {
        if (args.length != 1) {
            err.println(USAGE);
            return 2;
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
}
