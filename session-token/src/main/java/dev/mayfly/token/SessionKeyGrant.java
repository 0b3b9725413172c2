package dev.mayfly.token;

/**
 * What the issuer grants a verifier for a session ({@link SessionKeyGrants}), and all that the verifier learns of it.
 *
 * @param signedClaims the claims without the secret, as {@link SignedClaims} signs them
 * @param signingKey   SigV4's kSigning for the asked day, region and the verifier's service
 */
public record SessionKeyGrant(String signedClaims, byte[] signingKey) {

    /** Never prints the key. */
    @Override
    public String toString() {
        return "SessionKeyGrant[signing key withheld]";
    }
}
