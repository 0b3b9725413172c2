package dev.mayfly.issuer.sts;

import dev.mayfly.issuer.api.RoleArn;
import dev.mayfly.issuer.protocol.QueryParameters;
import dev.mayfly.issuer.protocol.Tags;
import dev.mayfly.runtime.AwsServiceException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * AssumeRole's parameters, converted and checked against STS's documented constraints.
 *
 * @param roleArn         the role to assume
 * @param roleSessionName 2-64 characters of [\w+=,.@-]
 * @param durationSeconds 900-43200 (the role's MaxSessionDuration is checked once the role is known)
 * @param externalId      2-1224 characters, or null
 * @param sourceIdentity  2-64 characters, not starting with "aws:", or null
 * @param tags            session tags (Tags)
 * @param transitiveTagKeys the session tags a chained role inherits (TransitiveTagKeys)
 */
public record AssumeRoleRequest(RoleArn roleArn, String roleSessionName, int durationSeconds, String externalId,
                                String sourceIdentity, Map<String, String> tags, List<String> transitiveTagKeys) {

    static final int MIN_DURATION = 900;
    static final int MAX_DURATION = 43200;
    static final int DEFAULT_DURATION = 3600;

    public static AssumeRoleRequest from(QueryParameters parameters) {
        RoleArn roleArn = roleArn(parameters);
        String sessionName = sessionName(parameters);
        int duration = durationSeconds(parameters);
        String externalId = QueryParameters.matching(parameters.optional("ExternalId", "externalId", 2, 1224, null),
                "externalId", "[\\w+=,.@:/-]*");
        String sourceIdentity = QueryParameters.matching(parameters.optional("SourceIdentity", "sourceIdentity", 2, 64, null),
                "sourceIdentity", "[\\w+=,.@-]*");
        if (sourceIdentity != null && sourceIdentity.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw AwsServiceException.validation("SourceIdentity cannot start with the prefix 'aws:'.");
        }
        return new AssumeRoleRequest(roleArn, sessionName, duration, externalId, sourceIdentity,
                Tags.parse(parameters, "InvalidParameterValue"), Tags.keys(parameters, "TransitiveTagKeys", "transitiveTagKeys"));
    }

    /** RoleArn, as every AssumeRole* action takes it. */
    static RoleArn roleArn(QueryParameters parameters) {
        String arn = parameters.required("RoleArn", "roleArn", 20, 2048);
        return RoleArn.parse(arn).orElseThrow(() ->
                AwsServiceException.validation(arn.length() > 256 ? "Invalid role ARN." : arn + " is not a valid role ARN."));
    }

    static String sessionName(QueryParameters parameters) {
        return QueryParameters.matching(parameters.required("RoleSessionName", "roleSessionName", 2, 64),
                "roleSessionName", "[\\w+=,.@-]*");
    }

    /** DurationSeconds: 900-43200, an hour by default (the role's MaxSessionDuration is checked once the role is known). */
    static int durationSeconds(QueryParameters parameters) {
        int duration = parameters.optionalInt("DurationSeconds", "durationSeconds", DEFAULT_DURATION);
        if (duration < MIN_DURATION || duration > MAX_DURATION) {
            throw AwsServiceException.validation("1 validation error detected: Value '" + duration
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must have value "
                    + (duration < MIN_DURATION ? "greater than or equal to " + MIN_DURATION : "less than or equal to " + MAX_DURATION));
        }
        return duration;
    }
}
