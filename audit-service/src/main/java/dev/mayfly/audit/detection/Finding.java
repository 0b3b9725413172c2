package dev.mayfly.audit.detection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.contract.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a detection found, as it is stored and answered.
 *
 * @param findingId derived from the detection, the account and the record that made it fire: the same records
 *                  evaluated again (after a restart) make the same finding, stored once
 * @param eventTime when the call that made the detection fire arrived
 * @param principal the principal's ARN, or its principal id when the record has no ARN
 * @param eventIds  the eventIDs of the CloudTrail records that caused it, in this account's trail
 * @param response  what the account's settings asked for, and what became of it
 */
public record Finding(String findingId, String accountId, Detection detection, Instant eventTime, Instant detectedAt,
                      String principal, String sourceIp, String summary, List<String> eventIds, ResponseRequest response) {

    public Finding {
        eventIds = List.copyOf(eventIds);
    }

    /**
     * @param action Quarantine, Revoke or None
     * @param ruleId the revocation rule's id, derived from the finding, when a rule was asked for
     * @param status Requested (published for the revocation service), or NotApplicable with the reason
     */
    public record ResponseRequest(String action, String scope, String target, String ruleId, Instant until, String status,
                                  String reason) {

        static ResponseRequest none() {
            return new ResponseRequest("None", null, null, null, null, "NotApplicable", "No response is set for this detection.");
        }

        static ResponseRequest notApplicable(String action, String reason) {
            return new ResponseRequest(action, null, null, null, null, "NotApplicable", reason);
        }

        boolean requested() {
            return ruleId != null;
        }
    }

    static String idOf(Detection detection, String accountId, String triggeringEventId) {
        return "f-" + UUID.nameUUIDFromBytes((detection.apiName() + "/" + accountId + "/" + triggeringEventId)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The revocation rule a finding's response asks for, one per finding however often it is asked. */
    static String ruleIdOf(String findingId) {
        return "rr-" + UUID.nameUUIDFromBytes(("detection-response/" + findingId).getBytes(StandardCharsets.UTF_8));
    }

    /** As stored, and as ListDetectionFindings and GetDetectionFinding answer it. */
    public ObjectNode toJson() {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("FindingId", findingId).put("AccountId", accountId).put("Detection", detection.apiName())
                .put("EventTime", eventTime.toString()).put("DetectedAt", detectedAt.toString()).put("Principal", principal)
                .put("SourceIp", sourceIp).put("Summary", summary);
        eventIds.forEach(json.putArray("EventIds")::add);
        ObjectNode out = json.putObject("Response").put("Action", response.action()).put("Status", response.status());
        if (response.scope() != null) {
            out.put("Scope", response.scope()).put("Target", response.target()).put("RuleId", response.ruleId());
        }
        if (response.until() != null) {
            out.put("Until", response.until().toString());
        }
        if (response.reason() != null) {
            out.put("Reason", response.reason());
        }
        return json;
    }
}
