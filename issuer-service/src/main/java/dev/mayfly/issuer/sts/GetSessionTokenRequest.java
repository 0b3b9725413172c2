package dev.mayfly.issuer.sts;

import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.runtime.AwsServiceException;

/**
 * GetSessionToken's parameters.
 *
 * @param durationSeconds 900-129600 (root: at most 3600), or null for the default
 * @param serialNumber    an MFA device's serial number, or null
 * @param tokenCode       the MFA code, or null
 */
record GetSessionTokenRequest(Integer durationSeconds, String serialNumber, String tokenCode) {

    static final int MIN_DURATION = 900;
    static final int MAX_DURATION = 129_600;

    static GetSessionTokenRequest from(QueryParameters parameters) {
        Integer duration = parameters.get("DurationSeconds") == null ? null
                : parameters.optionalInt("DurationSeconds", "durationSeconds", 0);
        if (duration != null && (duration < MIN_DURATION || duration > MAX_DURATION)) {
            throw AwsServiceException.validation("1 validation error detected: Value '" + duration
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must have value "
                    + (duration < MIN_DURATION ? "greater than or equal to " + MIN_DURATION : "less than or equal to " + MAX_DURATION));
        }
        String serial = QueryParameters.matching(parameters.optional("SerialNumber", "serialNumber", 9, 256, null),
                "serialNumber", "[\\w+=/:,.@-]*");
        String code = QueryParameters.matching(parameters.optional("TokenCode", "tokenCode", 6, 6, null), "tokenCode", "[\\d]*");
        return new GetSessionTokenRequest(duration, serial, code);
    }
}
