package dev.mayfly.audit.detection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.detection.DetectionSettings.Response;
import dev.mayfly.audit.detection.DetectionSettings.Setting;
import dev.mayfly.audit.detection.Finding.ResponseRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * What rule a finding's response asks for: only ever one naming a principal of the finding's own account (the revocation
 * service checks it again), and never for a call too old to act on. A quarantine refuses the principal new sessions (for
 * an assumed role: the role, since the session's name is the caller's choice); a revocation refuses the sessions the
 * principal holds.
 */
final class Responses {

    /** A call older than this (detections catching up after an outage) gets a finding, not a response. */
    static final Duration MAX_AGE = Duration.ofHours(1);

    ResponseRequest plan(String findingId, String accountId, Setting setting, JsonNode identity, Instant eventTime, Instant now) {
        Response response = setting.response();
        if (response == Response.NONE) {
            return ResponseRequest.none();
        }
        String action = response.apiName();
        if (eventTime.isBefore(now.minus(MAX_AGE))) {
            return ResponseRequest.notApplicable(action, "The call is more than an hour old: no response to a past call.");
        }
        String type = identity.path("type").asText();
        String arn = identity.path("arn").asText("");
        if (!accountId.equals(identity.path("accountId").asText()) || !ownArn(arn, accountId)) {
            return ResponseRequest.notApplicable(action, "The principal is not one of this account's: a response only touches the account's own.");
        }
        String scope;
        String target;
        switch (type) {
            case "IAMUser", "Root" -> {
                scope = "Principal";
                target = arn;
            }
            case "AssumedRole" -> {
                String roleArn = identity.path("sessionContext").path("sessionIssuer").path("arn").asText("");
                if (response == Response.QUARANTINE && !ownArn(roleArn, accountId)) {
                    return ResponseRequest.notApplicable(action, "The session's role is not known.");
                }
                scope = response == Response.QUARANTINE ? "Role" : "Principal";
                target = response == Response.QUARANTINE ? roleArn : arn;
            }
            default -> {
                return ResponseRequest.notApplicable(action, "No rule can name a principal of type " + type + ".");
            }
        }
        Instant until = response == Response.QUARANTINE ? now.plus(setting.quarantineFor()) : null;
        return new ResponseRequest(action, scope, target, Finding.ruleIdOf(findingId), until, "Requested", null);
    }

    private static boolean ownArn(String arn, String accountId) {
        return arn.matches("arn:aws:(iam|sts)::" + Pattern.quote(accountId) + ":\\S{1,2000}");
    }
}
