package dev.mayfly.issuer.verifierkeys;

import dev.mayfly.signing.PublishedKeyRing;
import dev.mayfly.signing.SigningKeyRing;
import dev.mayfly.token.KeyRing;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The issuer's own Ed25519 keys (they sign sessions' claims for verifiers, and the issuer's records on mayfly.policies
 * and mayfly.events), in an owner-only file, and their public half in a file beside it that is copied to every verifier
 * (as a CA certificate is): the public file is written again whenever the keys change.
 *
 * @param keysFile   the private keys, which never leave the issuer
 * @param publicFile the public keys verifiers check signed claims and feed records with
 */
public record IssuerSigningKeys(Path keysFile, Path publicFile) {

    /** The keys, created with a first key when there are none; the public file written to match. */
    public SigningKeyRing loadOrCreate(Instant now) throws IOException {
        return new PublishedKeyRing(keysFile, publicFile).loadOrCreate(now);
    }

    /**
     * A new key signs from now on. Retired keys stay published as long as a session lives, so that a verifier that has not
     * yet asked again about a session it knows can still check what an issuer that has not yet reloaded signs.
     */
    public SigningKeyRing rotate(Instant now) throws IOException {
        return new PublishedKeyRing(keysFile, publicFile).rotate(now, KeyRing.LONGEST_SESSION);
    }
}
