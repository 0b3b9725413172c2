package dev.mayfly.issuer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The admin token file: read, or created with a random token readable by its owner only. */
final class Secrets {

    private Secrets() {
    }

    static String adminToken(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, "", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            byte[] token = new byte[32];
            new SecureRandom().nextBytes(token);
            Files.writeString(file, HexFormat.of().formatHex(token) + "\n", StandardCharsets.UTF_8);
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
}
