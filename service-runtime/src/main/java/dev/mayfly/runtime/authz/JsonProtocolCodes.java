package dev.mayfly.runtime.authz;

/**
 * The issuer's Query-protocol authentication and authorization error codes as AWS's JSON protocols name them: the audit
 * and revocation services answer the issuer's refusals in their own protocol's words.
 */
public final class JsonProtocolCodes {

    private JsonProtocolCodes() {
    }

    public static String fromQueryProtocol(String code) {
        return switch (code) {
            case "InvalidClientTokenId" -> "UnrecognizedClientException";
            case "SignatureDoesNotMatch", "IncompleteSignature", "RequestExpired" -> "InvalidSignatureException";
            case "MissingAuthenticationToken" -> "MissingAuthenticationTokenException";
            case "AccessDenied" -> "AccessDeniedException";
            case "ExpiredToken" -> "ExpiredTokenException";
            default -> code;
        };
    }
}
