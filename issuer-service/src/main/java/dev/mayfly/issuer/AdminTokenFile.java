package dev.mayfly.issuer;

import dev.mayfly.privatefiles.PrivateFiles;
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

    /**
     * Creates the file with a new token when it is missing (of issuers that start at once on one disk, one creates it and
     * all read the same token), and refuses a file others may read or write: a lone issuer's, without a key-encryption key.
     */
    static void ensure(Path file) throws IOException {
        createIfAbsent(file);
        PrivateFiles.refuseExposed(file);
    }

    /**
     * The deployment's token, made on purpose (./mayfly keys init) and shared by every issuer: never made by an issuer,
     * since replicas on disks of their own would each make one, and admit admin calls by one token each.
     *
     * @throws IllegalStateException when the file is missing, naming what makes it
     */
    static void require(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalStateException("the admin token file " + file + " is missing: with a key-encryption key an issuer"
                    + " never makes one of its own (replicas would each hold another). Run ./mayfly keys init where the issuers'"
                    + " keys are (MAYFLY_ADMIN_TOKEN_FILE), or give every issuer the deployment's token file");
        }
        PrivateFiles.refuseExposed(file);
    }

    /** Writes a new token to the file if there is none; whether it did. */
    public static boolean createIfAbsent(Path file) throws IOException {
        return PrivateFiles.createIfAbsent(file, newToken());
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
