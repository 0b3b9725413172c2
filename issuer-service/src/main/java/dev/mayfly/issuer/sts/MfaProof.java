package dev.mayfly.issuer.sts;

import dev.mayfly.issuer.api.IamErrors;
import dev.mayfly.issuer.auth.Caller;
import dev.mayfly.issuer.mfa.MfaVerifier;
import dev.mayfly.issuer.protocol.ActionContext;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.runtime.AwsServiceException;
import java.time.Instant;

/**
 * SerialNumber and TokenCode of GetSessionToken and AssumeRole: the calling IAM user proves possession of its MFA device,
 * and the session is marked as MFA-authenticated from now on (aws:MultiFactorAuthPresent, aws:MultiFactorAuthAge).
 */
final class MfaProof {

    private MfaProof() {
    }

    /**
     * @return when MFA was proven (now), or null when the request carries no MFA
     * @throws AwsServiceException AccessDenied when the code or device is wrong
     */
    static Instant of(ActionContext context, MfaVerifier verifier) {
        String serialNumber = QueryParameters.matching(context.parameters().optional("SerialNumber", "serialNumber", 9, 256, null),
                "serialNumber", "[\\w+=/:,.@-]*");
        String tokenCode = QueryParameters.matching(context.parameters().optional("TokenCode", "tokenCode", 6, 6, null),
                "tokenCode", "[\\d]*");
        if (serialNumber == null && tokenCode == null) {
            return null;
        }
        Caller caller = context.caller();
        if (serialNumber == null || tokenCode == null || caller.type() != Caller.Type.IAM_USER || caller.session() != null) {
            // only an IAM user's long-term credentials can present its own device
            throw IamErrors.invalidMfaCode();
        }
        verifier.verify(caller.accountId(), caller.userName(), serialNumber, tokenCode, context.now());
        return context.now();
    }
}
