package dev.mayfly.issuer.workload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.issuer.api.RoleArn;
import dev.mayfly.runtime.AwsServiceException;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of POST /mayfly/workloads, checked.
 *
 * @param name               1-64 characters of [\w+=,.@-], unique in the account without regard to case
 * @param roleArn            the role of the same account that the workload runs as
 * @param sessionName        RoleSessionName of its sessions (2-64 characters of [\w+=,.@-]); the name by default
 * @param durationSeconds    900-43200, 3600 by default; at most the role's MaxSessionDuration when credentials are issued
 * @param allowedSourceCidrs the addresses credentials may be asked from, at most 16 blocks; none: from anywhere
 */
record RegisterWorkloadRequest(String name, RoleArn roleArn, String sessionName, int durationSeconds, List<String> allowedSourceCidrs) {

    static final String NAME_PATTERN = "[\\w+=,.@-]{1,64}";
    static final int MAX_CIDRS = 16;

    static RegisterWorkloadRequest from(JsonNode json) {
        String name = json.path("Name").asText("");
        if (!name.matches(NAME_PATTERN)) {
            throw AwsServiceException.validation("Name is required: 1 to 64 letters, digits or +=,.@_- characters.");
        }
        String arn = json.path("RoleArn").asText("");
        RoleArn roleArn = RoleArn.parse(arn).orElseThrow(() -> AwsServiceException.validation(
                "RoleArn is required: the ARN of a role of your account, like arn:aws:iam::123456789012:role/NAME."));
        String sessionName = json.path("RoleSessionName").asText(name);
        if (!sessionName.matches("[\\w+=,.@-]{2,64}")) {
            throw AwsServiceException.validation("RoleSessionName must be 2 to 64 letters, digits or +=,.@_- characters"
                    + (json.has("RoleSessionName") ? "." : " (it defaults to the name, which is too short: give one)."));
        }
        JsonNode duration = json.path("DurationSeconds");
        int seconds = duration.isMissingNode() ? 3600 : duration.canConvertToInt() && duration.isIntegralNumber() ? duration.asInt() : -1;
        if (seconds < 900 || seconds > 43200) {
            throw AwsServiceException.validation("DurationSeconds must be a whole number from 900 to 43200.");
        }
        return new RegisterWorkloadRequest(name, roleArn, sessionName, seconds, cidrs(json.path("AllowedSourceCidrs")));
    }

    private static List<String> cidrs(JsonNode json) {
        if (json.isMissingNode() || json.isNull()) {
            return List.of();
        }
        if (!json.isArray() || json.size() > MAX_CIDRS) {
            throw AwsServiceException.validation("AllowedSourceCidrs must be a list of at most " + MAX_CIDRS + " CIDR blocks.");
        }
        List<String> cidrs = new ArrayList<>();
        json.forEach(cidr -> cidrs.add(SourceCidr.parse(cidr.isTextual() ? cidr.asText() : cidr.toString()).toString()));
        return List.copyOf(cidrs);
    }
}
