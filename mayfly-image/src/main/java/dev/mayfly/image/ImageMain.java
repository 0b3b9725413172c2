package dev.mayfly.image;

import dev.mayfly.audit.AuditMain;
import dev.mayfly.cli.AccountCommand;
import dev.mayfly.cli.AdminTokenCommand;
import dev.mayfly.cli.CliException;
import dev.mayfly.cli.KeysCommand;
import dev.mayfly.cli.ServiceCredentialCommand;
import dev.mayfly.cli.StatusCommand;
import dev.mayfly.cli.VersionCommand;
import dev.mayfly.issuer.IssuerMain;
import dev.mayfly.revocation.RevocationMain;
import dev.mayfly.runtime.Settings;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * The image's entry point: its command names a service to run (issuer, audit, revocation), the one-shot
 * initialisation (init), or an operator's command run beside the services
 * ({@code docker compose run --rm init account create NAME}).
 */
public final class ImageMain {

    static final String USAGE = """
            Usage: issuer | audit | revocation     run that service, configured by MAYFLY_* variables, until SIGTERM
                   init ACCOUNT_NAME               give the audit and revocation services their credentials and the
                                                   issuer's public keys, and create the first account (printed once)
                   account ... | keys ... | admin-token ... | service-credential ... | status | version
                                                   the operator's commands of ./mayfly, against the running issuer
            """;

    private ImageMain() {
    }

    public static void main(String[] args) throws Exception {
        int status = run(args, Settings.fromEnvironment(), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
        if (isService(args)) {
            // the service's main registered its shutdown hook and returned; its threads serve until SIGTERM
            new CountDownLatch(1).await();
        }
        System.exit(0);
    }

    private static boolean isService(String[] args) {
        return args.length == 1 && (args[0].equals("issuer") || args[0].equals("audit") || args[0].equals("revocation"));
    }

    static int run(String[] args, Settings settings, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "issuer" -> service(rest, () -> IssuerMain.main(rest), err);
                case "audit" -> service(rest, () -> AuditMain.main(rest), err);
                case "revocation" -> service(rest, () -> RevocationMain.main(rest), err);
                case "init" -> InitCommand.run(rest, settings, out, err);
                case "account" -> AccountCommand.run(rest, settings, out, err);
                case "keys" -> KeysCommand.run(rest, settings, out, err);
                case "admin-token" -> AdminTokenCommand.run(rest, settings, out, err);
                case "service-credential" -> ServiceCredentialCommand.run(rest, settings, out, err);
                case "status" -> StatusCommand.run(rest, settings, out, err);
                case "version" -> VersionCommand.run(out);
                default -> {
                    err.println("Unknown command '" + args[0] + "'.");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (CliException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private interface ServiceStart {
        void start() throws Exception;
    }

    private static int service(String[] rest, ServiceStart start, PrintStream err) throws Exception {
        if (rest.length != 0) {
            err.print(USAGE);
            return 2;
        }
        start.start();
        return 0;
    }
}
