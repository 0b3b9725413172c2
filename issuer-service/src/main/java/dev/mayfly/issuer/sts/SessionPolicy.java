package dev.mayfly.issuer.sts;

import dev.mayfly.policy.MalformedPolicyException;
import dev.mayfly.policy.PolicyDocument;
import dev.mayfly.runtime.AwsServiceException;

/**
 * An inline session policy (AssumeRole's Policy): an identity policy that bounds the session's permissions,
 * at most 2,048 characters once white space is left out. Its packed size is reported as a percentage of that
 * limit, as STS's PackedPolicySize does.
 *
 * @param document         the policy as the caller wrote it
 * @param packedPercentage how much of the packed limit it uses
 */
record SessionPolicy(String document, int packedPercentage) {

    static final int PACKED_LIMIT = 2048;

    /** @return the checked policy, or null when none was given */
    static SessionPolicy of(String document) {
        if (document == null) {
            return null;
        }
        int packed = document.replaceAll("\\s", "").length();
        int percentage = (packed * 100 + PACKED_LIMIT - 1) / PACKED_LIMIT;
        if (packed > PACKED_LIMIT) {
            throw new AwsServiceException("PackedPolicyTooLarge",
                    "Packed size of session policies and session tags combined was too large: " + percentage + "% of the allowed size.", 400);
        }
        try {
            PolicyDocument.parse(document).requireIdentityPolicy();
        } catch (MalformedPolicyException e) {
            throw new AwsServiceException("MalformedPolicyDocument", e.getMessage(), 400);
        }
        return new SessionPolicy(document, percentage);
    }
}
