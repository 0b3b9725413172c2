package dev.mayfly.issuer;

import dev.mayfly.runtime.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The file of the operator's admin token: 32 random bytes in hex, readable by its owner only. Issuers read it as it is
 * now at each admin call ({@link dev.mayfly.issuer.admin.AdminToken}), so writing a new token here rotates it.
 */
public final class AdminTokenFile {

    private static final SecureRandom RANDOM = new SecureRandom();

    private AdminTokenFile() {
    }

    /** Creates the file with a new token when it is missing. */
    static void ensure(Path file) throws IOException {
        if (!Files.exists(file)) {
            rotate(file);
        }
    }

    /** Writes a new token to the file: from the next admin call on, issuers admit it and refuse the one before. */
    public static void rotate(Path file) throws IOException {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        PrivateFiles.write(file, HexFormat.of().formatHex(token) + "\n");
    }
}
