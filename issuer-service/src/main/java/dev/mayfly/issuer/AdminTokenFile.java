package dev.mayfly.issuer;

import dev.mayfly.privatefiles.PrivateFiles;
import java.io.IOException;
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

    /**
     * Creates the file with a new token when it is missing (of issuers that start at once, one creates it and all read
     * the same token), and refuses a file others may read or write.
     */
    static void ensure(Path file) throws IOException {
        PrivateFiles.createIfAbsent(file, newToken());
        PrivateFiles.refuseExposed(file);
    }

    /** Writes a new token to the file, at once: from the next admin call on, issuers admit it and refuse the one before. */
    public static void rotate(Path file) throws IOException {
        PrivateFiles.write(file, newToken());
    }

    private static String newToken() {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        return HexFormat.of().formatHex(token) + "\n";
    }
}
