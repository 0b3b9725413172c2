package dev.mayfly.verifier;

import dev.mayfly.token.SessionKeyGrant;

/**
 * Where a verifier learns what it may know of a session: the issuer ({@link IssuerSessionKeys}), asked once per session,
 * day and region.
 */
@FunctionalInterface
public interface SessionKeySource {

    /**
     * @throws dev.mayfly.token.TokenException when the issuer refuses: not its token, expired, or a day or region no key is
     *                                         granted for
     * @throws IssuerUnavailableException      when the issuer cannot be asked
     */
    SessionKeyGrant fetch(String sessionToken, String date, String region);
}
