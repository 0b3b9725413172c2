package dev.mayfly.sigv4;

/** A request whose signature cannot be accepted. The message is safe to show the caller: it never holds a secret. */
public final class SignatureException extends RuntimeException {

    private final AuthFailure failure;

    public SignatureException(AuthFailure failure, String message) {
        super(message, null, false, false);
        this.failure = failure;
    }

    public AuthFailure failure() {
        return failure;
    }
}
