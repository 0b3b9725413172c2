package dev.mayfly.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files that hold secrets (credentials, tokens): readable and writable by their owner only, from the moment they exist. */
public final class PrivateFiles {

    private PrivateFiles() {
    }

    /** Writes the text, creating the file owner-only if it is new (on a POSIX file system). */
    public static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            // keep the file and its permissions
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing finer to set
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
