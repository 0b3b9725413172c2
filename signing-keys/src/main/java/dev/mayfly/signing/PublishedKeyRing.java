package dev.mayfly.signing;

import dev.mayfly.privatefiles.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A component's own signing keys in an owner-only file, and their public half in a file beside it that is copied to
 * whoever checks what the component signs (as a CA certificate is): the public file is written again whenever the keys
 * change.
 *
 * @param keysFile   the private keys, which never leave the component
 * @param publicFile the public keys others verify with
 */
public record PublishedKeyRing(Path keysFile, Path publicFile) {

    /** The keys, created with a first key when there are none; the public file written to match. */
    public SigningKeyRing loadOrCreate(Instant now) throws IOException {
        return published(SigningKeyRing.loadOrCreate(keysFile, now));
    }

    /** A new key signs from now on; see {@link SigningKeyRing#rotate}. */
    public SigningKeyRing rotate(Instant now, Duration keepRetired) throws IOException {
        return published(SigningKeyRing.rotate(keysFile, now, keepRetired));
    }

    /** Writes the public file of keys kept elsewhere (the deployment's rings on mayfly.keys); the private file is not used. */
    public SigningKeyRing published(SigningKeyRing keys) throws IOException {
        PrivateFiles.write(publicFile, keys.publicKeys().text());
        return keys;
    }
}
