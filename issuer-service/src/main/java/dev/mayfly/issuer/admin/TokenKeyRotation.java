package dev.mayfly.issuer.admin;

import dev.mayfly.issuer.verifierkeys.IssuerSigningKeys;
import dev.mayfly.token.KeyRing;
import dev.mayfly.token.SessionKeyGrants;
import dev.mayfly.token.SessionTokenSealer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Rotates the keys that seal session tokens, and the keys that sign session claims for verifiers: a new key seals (and
 * signs) from now on, retired keys keep opening the tokens they sealed until no such session can be alive, and this
 * issuer switches at once. Verifiers read the claims' public keys again when they meet a key they do not know.
 */
public final class TokenKeyRotation {

    private final Path keysFile;
    private final SessionTokenSealer sealer;
    private final IssuerSigningKeys claimsKeys;
    private final SessionKeyGrants grants;
    private final Clock clock;

    public TokenKeyRotation(Path keysFile, SessionTokenSealer sealer, IssuerSigningKeys claimsKeys, SessionKeyGrants grants,
                            Clock clock) {
        this.keysFile = keysFile;
        this.sealer = sealer;
        this.claimsKeys = claimsKeys;
        this.grants = grants;
        this.clock = clock;
    }

    public synchronized KeyRing rotate() throws IOException {
        KeyRing rotated = KeyRing.rotate(keysFile, clock.instant());
        sealer.use(rotated);
        grants.use(claimsKeys.rotate(clock.instant()));
        return rotated;
    }
}
