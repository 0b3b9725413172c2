package dev.mayfly.verifier;

/** The issuer could not be asked for a session's key: a request of a session not yet known is refused meanwhile. */
public final class IssuerUnavailableException extends RuntimeException {
    public IssuerUnavailableException(String message) {
        super(message, null, false, false);
    }
}
