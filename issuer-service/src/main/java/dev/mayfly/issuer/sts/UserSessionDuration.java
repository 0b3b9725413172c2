package dev.mayfly.issuer.sts;

import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.runtime.AwsServiceException;

/**
 * The duration rules GetSessionToken and GetFederationToken share: 900 seconds to 36 hours, 12 hours by default;
 * for the root user at most, and by default, one hour. A root user asking for longer (but within the general range)
 * is not refused: AWS documents that such a session "defaults to one hour", and SDKs and tools that ask for 12 hours
 * whoever the caller is rely on that.
 */
final class UserSessionDuration {

    static final int MIN = 900;
    static final int MAX = 129_600;
    static final int DEFAULT = 43_200;
    static final int ROOT_MAX = 3_600;

    private UserSessionDuration() {
    }

    static int of(Caller caller, QueryParameters parameters) {
        boolean root = caller.type() == Caller.Type.ROOT;
        if (parameters.get("DurationSeconds") == null) {
            return root ? ROOT_MAX : DEFAULT;
        }
        int requested = parameters.optionalInt("DurationSeconds", "durationSeconds", DEFAULT);
        if (requested < MIN || requested > MAX) {
            throw AwsServiceException.validation("1 validation error detected: Value '" + requested
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must have value "
                    + (requested < MIN ? "greater than or equal to " + MIN : "less than or equal to " + MAX));
        }
        return root ? Math.min(requested, ROOT_MAX) : requested;
    }
}
