package dev.mayfly.issuer;

import dev.mayfly.runtime.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The operator's admin token: read from its file, or created there at random, readable by its owner only. */
final class AdminTokenFile {

    private AdminTokenFile() {
    }

    static String read(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] token = new byte[32];
            new SecureRandom().nextBytes(token);
            PrivateFiles.write(file, HexFormat.of().formatHex(token) + "\n");
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
}
