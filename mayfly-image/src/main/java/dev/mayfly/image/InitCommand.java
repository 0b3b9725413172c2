package dev.mayfly.image;

import dev.mayfly.cli.AccountCommand;
import dev.mayfly.cli.CliException;
import dev.mayfly.cli.ServiceCredentialCommand;
import dev.mayfly.runtime.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * init ACCOUNT_NAME: what a new installation needs once its issuer has started, run where the issuer's keys are
 * (its MAYFLY_HOME) with the audit and revocation services' key directories mounted beside them
 * (MAYFLY_INIT_AUDIT_KEYS_DIR, MAYFLY_INIT_REVOCATION_KEYS_DIR): each service's credential for the issuer, the issuer's
 * public keys for the audit service, then the first account, whose root key is printed once. Run again (after
 * {@code keys rotate}, say), it writes the credentials and public keys again but creates no second account: the
 * account's id is remembered in the issuer's home, its secret is not.
 */
final class InitCommand {

    static final String FIRST_ACCOUNT_FILE = "first-account-id";
    private static final Pattern ACCOUNT_ID = Pattern.compile("\"AccountId\"\\s*:\\s*\"(\\d{12})\"");

    private InitCommand() {
    }

    static int run(String[] args, Settings settings, PrintStream out, PrintStream err) throws IOException {
        if (args.length != 1) {
            err.println("Usage: init ACCOUNT_NAME");
            return 2;
        }
        Path issuerPublicKeys = settings.home().resolve("keys").resolve("issuer-signing.pub");
        if (!Files.exists(issuerPublicKeys)) {
            // before anything is written: the service credentials are made from the issuer's key, which must be its own
            throw new CliException("No issuer keys in " + issuerPublicKeys.getParent()
                    + ": run init with the issuer's MAYFLY_HOME, once the issuer has started.");
        }
        Path auditKeys = settings.path("MAYFLY_INIT_AUDIT_KEYS_DIR", Path.of("/var/lib/mayfly-audit/keys"));
        Path revocationKeys = settings.path("MAYFLY_INIT_REVOCATION_KEYS_DIR", Path.of("/var/lib/mayfly-revocation/keys"));
        Files.createDirectories(auditKeys);
        Files.createDirectories(revocationKeys);
        requireSuccess(ServiceCredentialCommand.run(new String[] {"audit", "--out", auditKeys.resolve("audit.service-credential").toString()},
                settings, out, err));
        requireSuccess(ServiceCredentialCommand.run(new String[] {"revocation", "--out",
                revocationKeys.resolve("revocation.service-credential").toString()}, settings, out, err));
        Files.copy(issuerPublicKeys, auditKeys.resolve("issuer-signing.pub"), StandardCopyOption.REPLACE_EXISTING);
        out.println("The issuer's public keys are in " + auditKeys.resolve("issuer-signing.pub") + ".");

        Path firstAccount = settings.home().resolve(FIRST_ACCOUNT_FILE);
        if (Files.exists(firstAccount)) {
            out.println("The first account, " + Files.readString(firstAccount).strip()
                    + ", was created by an earlier init, which printed its root key.");
            return 0;
        }
        ByteArrayOutputStream created = new ByteArrayOutputStream();
        requireSuccess(AccountCommand.run(new String[] {"create", args[0]}, settings,
                new PrintStream(created, true, StandardCharsets.UTF_8), err));
        String json = created.toString(StandardCharsets.UTF_8).strip();
        Matcher id = ACCOUNT_ID.matcher(json);
        if (!id.find()) {
            throw new CliException("The issuer created the account but answered without its id.");
        }
        Files.writeString(firstAccount, id.group(1) + "\n");
        out.println("The first account, with its root key (shown this once; keep it, then rotate it with"
                + " account rotate-root-key):");
        out.println(json);
        return 0;
    }

    private static void requireSuccess(int status) {
        if (status != 0) {
            throw new CliException("init stopped: a step failed (above).");
        }
    }
}
