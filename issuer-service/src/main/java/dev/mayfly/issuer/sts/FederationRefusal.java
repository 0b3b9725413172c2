package dev.mayfly.issuer.sts;

import dev.mayfly.runtime.AwsServiceException;
import java.util.function.Supplier;

/**
 * The one answer of AssumeRoleWithWebIdentity and AssumeRoleWithSAML to a caller the role's account has not accepted.
 * These calls are unsigned and may name any account: until the role's trust policy has let the caller in, every reason
 * to refuse (no such account, role or provider, a token the provider did not sign, an audience it does not know, keys
 * that cannot be fetched, a trust policy that does not allow) would tell the caller something about that account. So
 * they are all answered as AWS answers a role that does not trust the caller: AccessDenied, "Not authorized to perform
 * ...". What the token or assertion says of itself (malformed, expired) is still answered with STS's own errors. The
 * real reason goes to the record of the call, which lands in the trail of the account the call named: its owner can
 * tell a misconfigured provider from an untrusted caller, the caller cannot.
 */
final class FederationRefusal {

    private FederationRefusal() {
    }

    /**
     * The steps up to the trust policy's acceptance, with any refusal among them answered as {@link #of}, its own
     * message kept for the record. The service's own failures (5xx) pass: they say nothing of the account, and the
     * caller should try again.
     */
    static <T> T unlessAccepted(String action, Supplier<T> steps) {
        try {
            return steps.get();
        } catch (AwsServiceException refused) {
            if (refused.httpStatus() >= 500) {
                throw refused;
            }
            throw of(action, refused.reason() != null ? refused.reason() : refused.getMessage());
        }
    }

    /** @param reason what went wrong, for the record only */
    static AwsServiceException of(String action, String reason) {
        return AwsServiceException.accessDenied("Not authorized to perform " + action).because(reason);
    }
}
