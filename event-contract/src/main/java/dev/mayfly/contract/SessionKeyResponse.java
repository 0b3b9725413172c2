package dev.mayfly.contract;

/**
 * The issuer's answer to a {@link SessionKeyRequest}: 200 with both fields, or 403 with an error code and message
 * (the token is not the issuer's, the session has expired, or no key may be granted for that day, region or service).
 *
 * @param signedClaims the session's claims without its secret, signed with the issuer's Ed25519 key
 * @param signingKey   base64 of SigV4's kSigning for the day, region and the asking verifier's service
 * @param code         why it was refused, or null
 * @param message      the refusal in words, or null
 */
public record SessionKeyResponse(String signedClaims, String signingKey, String code, String message) {

    public static SessionKeyResponse refused(String code, String message) {
        return new SessionKeyResponse(null, null, code, message);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return code == null ? "SessionKeyResponse[granted]" : "SessionKeyResponse[" + code + ": " + message + "]";
    }
}
