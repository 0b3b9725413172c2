package dev.mayfly.issuer.authz;

import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.sigv4.AuthFailure;
import dev.mayfly.sigv4.SignatureException;
import java.util.Set;

/**
 * What temporary credentials of users may not do, as AWS documents. GetSessionToken's: without MFA, call IAM
 * at all (IAM answers as if the token were invalid); with or without, call STS for anything but AssumeRole and
 * GetCallerIdentity.
 * GetFederationToken's: any IAM action, and of STS anything but GetCallerIdentity.
 */
public final class UserSessionLimits {

    private static final Set<String> STS_ALLOWED = Set.of("AssumeRole", "GetCallerIdentity");

    private UserSessionLimits() {
    }

    /** @param iamAction whether the action is IAM's (otherwise STS's) */
    public static void check(Caller caller, boolean iamAction, String action) {
        if (caller.type() == Caller.Type.FEDERATED_USER) {
            if (iamAction || !action.equals("GetCallerIdentity")) {
                throw AwsServiceException.accessDenied("Federated users cannot call " + (iamAction ? "IAM" : "STS") + " action " + action + ".");
            }
            return;
        }
        if (!caller.isUserSession()) {
            return;
        }
        if (iamAction) {
            if (caller.session().mfaAuthenticatedAt() == null) {
                throw new SignatureException(AuthFailure.INVALID_CLIENT_TOKEN_ID, "The security token included in the request is invalid");
            }
            return;
        }
        if (!STS_ALLOWED.contains(action)) {
            throw AwsServiceException.accessDenied("Cannot call " + action + " with session credentials");
        }
    }
}
