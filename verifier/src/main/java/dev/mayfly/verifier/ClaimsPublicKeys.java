package dev.mayfly.verifier;

import dev.mayfly.signing.PublicKeyRing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The verifier's copy of the issuer's public keys for session claims (the issuer's {@code issuer-signing.pub}),
 * read again when claims name a key it does not hold and the file has changed since: a rotation at the issuer reaches
 * the verifier once the file is copied, with no restart. A file read fails loudly at start, and is retried at most once
 * a second afterwards.
 */
final class ClaimsPublicKeys {

    private static final Duration RELOAD_PAUSE = Duration.ofSeconds(1);
    private final Path file;
    private final Clock clock;
    private volatile PublicKeyRing keys;
    private volatile FileTime modified;
    private volatile Instant lastLook;

    ClaimsPublicKeys(Path file, Clock clock) throws IOException {
        this.file = file;
        this.clock = clock;
        this.modified = Files.getLastModifiedTime(file);
        this.keys = PublicKeyRing.load(file);
        this.lastLook = Instant.EPOCH;
    }

    /** The ring, read again first when it lacks the key and the file may have changed. */
    PublicKeyRing holding(String keyId) {
        PublicKeyRing current = keys;
        if (keyId != null && !current.holds(keyId)) {
            reloadIfChanged(false);
            current = keys;
        }
        return current;
    }

    /** Reads the file again when it changed (at most once a second unless forced). */
    synchronized void reloadIfChanged(boolean force) {
        Instant now = clock.instant();
        if (!force && lastLook.plus(RELOAD_PAUSE).isAfter(now)) {
            return;
        }
        lastLook = now;
        try {
            FileTime current = Files.getLastModifiedTime(file);
            if (!current.equals(modified)) {
                keys = PublicKeyRing.load(file);
                modified = current;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            // a half-copied file: keep the keys held, look again later
        }
    }
}
