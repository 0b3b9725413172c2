package dev.mayfly.issuer.saml;

import dev.mayfly.runtime.AwsServiceException;

/** Why SAML metadata or a SAML response was not accepted, with the error STS or IAM answers. */
public final class SamlException extends AwsServiceException {

    SamlException(String code, String message, int httpStatus) {
        super(code, message, httpStatus);
    }

    static SamlException invalidToken(String message) {
        return new SamlException("InvalidIdentityToken", message, 400);
    }

    static SamlException rejectedClaim(String message) {
        return new SamlException("IDPRejectedClaim", message, 403);
    }

    static SamlException invalidMetadata(String message) {
        return new SamlException("InvalidInput", message, 400);
    }
}
