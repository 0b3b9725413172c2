package dev.mayfly.runtime.authz;

import dev.mayfly.contract.ApiCallRecorded.UserIdentity;

/**
 * The issuer's answer. When {@code allowed} is false, errorCode, message and httpStatus are what the
 * caller should be answered with (InvalidClientTokenId, SignatureDoesNotMatch, AccessDenied, ...).
 *
 * @param allowed    whether the request may go ahead
 * @param identity   who signed it, when the signature was good (also on AccessDenied); on a signature refusal,
 *                   who the request claimed to be, unverified: for audit records only, never for decisions
 * @param errorCode  the AWS error code when not allowed
 * @param message    the AWS error message when not allowed
 * @param httpStatus the HTTP status when not allowed
 */
public record AuthorizationResult(boolean allowed, UserIdentity identity, String errorCode, String message, int httpStatus) {

    /** Whether the signature was good: the request was allowed, or refused by policy (AccessDenied), not for who sent it. */
    public boolean authenticated() {
        return allowed || errorCode != null && errorCode.startsWith("AccessDenied");
    }

    public static AuthorizationResult allow(UserIdentity identity) {
        return new AuthorizationResult(true, identity, null, null, 200);
    }

    public static AuthorizationResult refuse(UserIdentity identity, String errorCode, String message, int httpStatus) {
        return new AuthorizationResult(false, identity, errorCode, message, httpStatus);
    }
}
