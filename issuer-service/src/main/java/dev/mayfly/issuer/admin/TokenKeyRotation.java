package dev.mayfly.issuer.admin;

import dev.mayfly.token.KeyRing;
import dev.mayfly.token.SessionTokenSealer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Rotates the keys that seal session tokens: a new key seals from now on, retired keys keep opening the
 * tokens they sealed until no such session can be alive, and this issuer switches at once.
 */
public final class TokenKeyRotation {

    private final Path keysFile;
    private final SessionTokenSealer sealer;
    private final Clock clock;

    public TokenKeyRotation(Path keysFile, SessionTokenSealer sealer, Clock clock) {
        this.keysFile = keysFile;
        this.sealer = sealer;
        this.clock = clock;
    }

    public synchronized KeyRing rotate() throws IOException {
        KeyRing rotated = KeyRing.rotate(keysFile, clock.instant());
        sealer.use(rotated);
        return rotated;
    }
}
