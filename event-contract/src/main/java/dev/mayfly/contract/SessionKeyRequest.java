package dev.mayfly.contract;

/**
 * A verifier's request to the issuer's POST {@value #PATH}, with its own {@link ServiceCredential}: the session token a
 * request presented, and the day and region of that request's credential scope. The service is the credential's name.
 *
 * @param sessionToken the X-Amz-Security-Token as received
 * @param date         the credential scope's date, yyyyMMdd
 * @param region       the credential scope's region
 */
public record SessionKeyRequest(String sessionToken, String date, String region) {

    public static final String PATH = "/mayfly/session-key";

    /** Never prints the token: it is a bearer credential's half. */
    @Override
    public String toString() {
        return "SessionKeyRequest[" + date + "/" + region + "]";
    }
}
