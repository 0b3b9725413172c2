package dev.mayfly.cli;

import dev.mayfly.issuer.AdminTokenFile;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.runtime.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * ./mayfly admin-token rotate: writes a new admin token to its file (MAYFLY_ADMIN_TOKEN_FILE). Running issuers that read
 * the file admit the new token from their next admin call and refuse the old one; no restart. The token is never
 * printed: it stays in the file, readable by its owner only.
 */
public final class AdminTokenCommand {

    private AdminTokenCommand() {
    }

    public static int run(String[] args, Settings settings, PrintStream out, PrintStream err) {
        if (args.length != 1 || !args[0].equals("rotate")) {
            err.println("Usage: ./mayfly admin-token rotate");
            return 2;
        }
        Path file = IssuerSettings.from(settings).adminTokenFile();
        try {
            AdminTokenFile.rotate(file);
        } catch (IOException e) {
            throw new CliException("The admin token could not be written to " + file + ": " + e.getMessage());
        }
        out.println("A new admin token is in " + file + "; the previous one is refused from the issuers' next admin call.");
        return 0;
    }
}
