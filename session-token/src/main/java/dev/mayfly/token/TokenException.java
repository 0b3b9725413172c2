package dev.mayfly.token;

/** A token that cannot be opened: unknown key id, changed bytes, or a malformed encoding. */
public final class TokenException extends RuntimeException {
    public TokenException(String message) {
        super(message, null, false, false);
    }
}
