package dev.mayfly.privatefiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files that hold secrets (keys, tokens, credentials): readable and writable by their owner only from the moment
 * they exist, replaced whole, and refused at load when others may read them.
 *
 * <p>Content is always written to a temporary file beside the target and renamed over it: a reader (a verifier
 * reloading rotated keys, a service restarting after a crash mid-write) sees the old content or the new, never a
 * truncated file that would lose every key it held.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Replaces the file's content with the text at once (creating the file, owner-only, if it is new). */
    public static void write(Path file, String text) throws IOException {
        Path temporary = writeTemporary(file, text);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Creates the file with the text, whole, unless it exists. Exclusive: of two processes that start at once on the
     * same directory, one creates the file and the other reads what the first wrote, so both use the same keys.
     *
     * @return whether this call created the file
     */
    public static boolean createIfAbsent(Path file, String text) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        Path temporary = writeTemporary(file, text);
        try {
            // a hard link is created only if the name is free, and names the complete content at once
            Files.createLink(file, temporary);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * The file's text, once its permissions show that only its owner may read or change it.
     *
     * @throws ExposedSecretFileException when its group or others have any access to it
     */
    public static String read(Path file) throws IOException {
        refuseExposed(file);
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** Refuses a file whose group or others may read it (they would hold the secret) or write it (they would choose it). */
    public static void refuseExposed(Path file) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system: nothing finer to check
        }
        Set<PosixFilePermission> beyondOwner = EnumSet.noneOf(PosixFilePermission.class);
        beyondOwner.addAll(permissions);
        beyondOwner.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
        if (!beyondOwner.isEmpty()) {
            throw new ExposedSecretFileException(file, PosixFilePermissions.toString(permissions));
        }
    }

    /** The text in a new owner-only file in the target's directory (a rename is atomic only within a file system), on disk. */
    private static Path writeTemporary(Path file, String text) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = createOwnerOnly(directory, "." + file.getFileName());
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            // on disk before the rename: a crash right after must not leave the name on an empty file
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        return temporary;
    }

    private static Path createOwnerOnly(Path directory, String prefix) throws IOException {
        try {
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            return Files.createTempFile(directory, prefix, ".tmp", ownerOnly);
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(directory, prefix, ".tmp"); // not a POSIX file system: nothing finer to set
        }
    }
}
