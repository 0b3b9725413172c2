package dev.mayfly.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A copy of another component's public keys in a file, read again whenever a signature names a key it lacks and the file
 * changed since: a producer that made its first key (or rotated) after this process started is trusted once its file is
 * in place, with no restart. A missing file holds no key until it appears, so a consumer may start before the producer
 * it trusts has ever run; a half-written file keeps the keys already held.
 */
public final class PublicKeyFile implements PublicKeys {

    private static final Logger LOG = LoggerFactory.getLogger(PublicKeyFile.class);
    private final Path file;
    private volatile PublicKeyRing keys;
    private volatile FileTime modified;

    private PublicKeyFile(Path file) {
        this.file = file;
    }

    /** The keys in the file, or none while it does not exist. */
    public static PublicKeyFile watch(Path file) {
        PublicKeyFile keys = new PublicKeyFile(file);
        keys.reloadIfChanged();
        if (keys.keys == null) {
            LOG.warn("no public keys at {} yet: what their owner signs is refused until the file is there", file);
        }
        return keys;
    }

    /** Whether the key of that id, read from the file again first if it lacks the key, signed this message. */
    @Override
    public boolean verify(String keyId, byte[] message, byte[] signature, VerifiedSignatures verified) {
        PublicKeyRing current = keys;
        if (keyId != null && (current == null || !current.holds(keyId))) {
            // a file stat per unknown key id: cheap beside what a forged record costs to read and verify anyway
            reloadIfChanged();
            current = keys;
        }
        return current != null && current.verify(keyId, message, signature, verified);
    }

    private synchronized void reloadIfChanged() {
        try {
            FileTime current = Files.getLastModifiedTime(file);
            if (!current.equals(modified)) {
                keys = PublicKeyRing.load(file);
                modified = current;
            }
        } catch (NoSuchFileException e) {
            // not there yet: holds nothing
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            // a half-copied file: keep the keys held, look again at the next unknown key
        }
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
