package dev.mayfly.cli;

import dev.mayfly.deploymentkeys.DeploymentRing;
import dev.mayfly.deploymentkeys.KeyEncryptionKeySource;
import dev.mayfly.deploymentkeys.KeyRingTopic;
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
 * theirs). Made from the deployment's service-credentials ring on mayfly.keys (with the key-encryption key the issuers
 * are given), or, without one, from the lone issuer's key file: run where its keys are.
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
            PrivateFiles.write(file, credentials(settings).of(name).fileText());
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        } catch (IOException e) {
            throw new CliException("The service credential could not be written to " + file + ": " + e.getMessage());
        }
        out.println("The credential of service " + name + " is in " + file + " (readable by its owner only).");
        return 0;
    }

    /** The deployment's service-credentials ring when a key-encryption key is set, else the lone issuer's key file. */
    private static ServiceCredentials credentials(Settings settings) throws IOException {
        KeyEncryptionKeySource source = DeploymentKeyRings.source(settings);
        if (!source.configured()) {
            return ServiceCredentials.inFile(IssuerSettings.from(settings).serviceCredentialsKeyFile());
        }
        try (KeyRingTopic rings = DeploymentKeyRings.read(settings, DeploymentKeyRings.load(source))) {
            String ring = DeploymentRing.SERVICE_CREDENTIALS.ringName();
            return ServiceCredentials.ofRing(rings.ring(ring).orElseThrow(() -> new CliException(rings.missing(ring))).keys());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while reading mayfly.keys");
        }
    }
}
