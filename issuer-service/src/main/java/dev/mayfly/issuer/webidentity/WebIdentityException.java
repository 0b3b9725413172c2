package dev.mayfly.issuer.webidentity;

import dev.mayfly.runtime.AwsServiceException;

/** Why a web identity token was not accepted, with STS's error code and message. */
public final class WebIdentityException extends AwsServiceException {

    WebIdentityException(String code, String message, int httpStatus) {
        super(code, message, httpStatus);
    }

    static WebIdentityException invalidToken(String message) {
        return new WebIdentityException("InvalidIdentityToken", message, 400);
    }

    static WebIdentityException communication() {
        return new WebIdentityException("IDPCommunicationError",
                "Couldn't retrieve verification key from your identity provider, please reference AssumeRoleWithWebIdentity "
                        + "documentation for requirements", 400);
    }
}
