package dev.mayfly.sigv4;

/** The ways a signature check fails, with the error codes AWS answers them with. */
public enum AuthFailure {
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationToken", 403),
    INCOMPLETE_SIGNATURE("IncompleteSignature", 400),
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403),
    REQUEST_EXPIRED("RequestExpired", 403),
    INVALID_CLIENT_TOKEN_ID("InvalidClientTokenId", 403);

    private final String code;
    private final int httpStatus;

    AuthFailure(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
