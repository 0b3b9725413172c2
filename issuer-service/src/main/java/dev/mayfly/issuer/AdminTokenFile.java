package dev.mayfly.issuer;

import dev.mayfly.privatefiles.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The operator's admin token: read from its file, or created there at random, readable by its owner only. */
final class AdminTokenFile {

    private AdminTokenFile() {
    }

    static String read(Path file) throws IOException {
        byte[] token = new byte[32];
        new SecureRandom().nextBytes(token);
        PrivateFiles.createIfAbsent(file, HexFormat.of().formatHex(token) + "\n");
        return PrivateFiles.read(file).strip();
    }
}
