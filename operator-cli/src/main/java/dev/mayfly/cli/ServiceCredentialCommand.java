package dev.mayfly.cli;

import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.issuer.authz.ServiceCredentials;
import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.runtime.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * ./mayfly service-credential NAME [--out FILE]: writes the credential the issuer answers the service NAME with at POST
 * /mayfly/authorize, and, for a resource server's verifier whose SigV4 service name is NAME, at POST /mayfly/session-key
 * (owner-only; by default $MAYFLY_HOME/keys/NAME.service-credential, where the audit and revocation services look for
 * theirs). Run where the issuer's keys are: the credential is made from its service-credentials key.
 */
public final class ServiceCredentialCommand {

    private ServiceCredentialCommand() {
    }

    public static int run(String[] args, Settings settings, PrintStream out, PrintStream err) {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--out"))) {
            err.println("Usage: ./mayfly service-credential NAME [--out FILE]");
            return 2;
        }
        String name = args[0];
        Path file = args.length == 3 ? Path.of(args[2]) : settings.home().resolve("keys").resolve(name + ".service-credential");
        try {
            ServiceCredentials credentials = ServiceCredentials.inFile(IssuerSettings.from(settings).serviceCredentialsKeyFile());
            PrivateFiles.write(file, credentials.of(name).fileText());
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        } catch (IOException e) {
            throw new CliException("The service credential could not be written to " + file + ": " + e.getMessage());
        }
        out.println("The credential of service " + name + " is in " + file + " (readable by its owner only).");
        return 0;
    }
}
