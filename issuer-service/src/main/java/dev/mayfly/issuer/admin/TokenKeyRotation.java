package dev.mayfly.issuer.admin;

import dev.mayfly.issuer.keyrings.IssuerKeyRings;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.token.KeyRing;
import dev.mayfly.token.SessionKeyGrants;
import dev.mayfly.token.SessionTokenSealer;
import java.io.IOException;
import java.time.Clock;

/**
 * Rotates the keys that seal session tokens, and the keys that sign session claims for verifiers (and the issuer's feed
 * records): a new key seals (and signs) from now on, retired keys keep opening the tokens they sealed until no such session
 * can be alive. This issuer's sealer and signers switch to whichever ring becomes current, whether this issuer or another
 * one sharing the rings rotated it. Verifiers read the claims' public keys again when they meet a key they do not know.
 */
public final class TokenKeyRotation {

    private final IssuerKeyRings keyRings;
    private final Clock clock;

    public TokenKeyRotation(IssuerKeyRings keyRings, SessionTokenSealer sealer, SessionKeyGrants grants, RecordSigner feedSigner,
                            Clock clock) {
        this.keyRings = keyRings;
        this.clock = clock;
        keyRings.whenChanged(sealer::use, signing -> {
            grants.use(signing);
            feedSigner.use(signing);
        });
    }

    public synchronized KeyRing rotate() throws IOException {
        return keyRings.rotate(clock.instant());
    }
}
