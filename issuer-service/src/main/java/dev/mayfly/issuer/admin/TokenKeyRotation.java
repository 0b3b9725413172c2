package dev.mayfly.issuer.admin;

import dev.mayfly.issuer.verifierkeys.IssuerSigningKeys;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.signing.SigningKeyRing;
import dev.mayfly.token.KeyRing;
import dev.mayfly.token.SessionKeyGrants;
import dev.mayfly.token.SessionTokenSealer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Rotates the keys that seal session tokens, and the keys that sign session claims for verifiers (and the issuer's feed
 * records): a new key seals (and signs) from now on, retired keys keep opening the tokens they sealed until no such session can be alive, and this
 * issuer switches at once. Verifiers read the claims' public keys again when they meet a key they do not know.
 */
public final class TokenKeyRotation {

    private final Path keysFile;
    private final SessionTokenSealer sealer;
    private final IssuerSigningKeys claimsKeys;
    private final SessionKeyGrants grants;
    private final RecordSigner feedSigner;
    private final Clock clock;

    public TokenKeyRotation(Path keysFile, SessionTokenSealer sealer, IssuerSigningKeys claimsKeys, SessionKeyGrants grants,
                            RecordSigner feedSigner, Clock clock) {
        this.feedSigner = feedSigner;
        this.keysFile = keysFile;
        this.sealer = sealer;
        this.claimsKeys = claimsKeys;
        this.grants = grants;
        this.clock = clock;
    }

    public synchronized KeyRing rotate() throws IOException {
        KeyRing rotated = KeyRing.rotate(keysFile, clock.instant());
        sealer.use(rotated);
        SigningKeyRing signing = claimsKeys.rotate(clock.instant());
        grants.use(signing);
        feedSigner.use(signing);
        return rotated;
    }
}
