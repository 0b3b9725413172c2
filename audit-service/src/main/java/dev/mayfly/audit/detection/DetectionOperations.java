package dev.mayfly.audit.detection;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.audit.projection.AuditDocument;
import dev.mayfly.audit.projection.AuditIndices;
import dev.mayfly.audit.protocol.CallerSearches;
import dev.mayfly.audit.protocol.JsonOperation;
import dev.mayfly.audit.protocol.JsonProtocolException;
import dev.mayfly.audit.protocol.JsonTimestamps;
import dev.mayfly.audit.protocol.PageTokens;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.net.AddressPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The detections through the audit API, always within the caller's account: PutDetectionSettings and
 * GetDetectionSettings (cloudtrail:PutDetectionSettings, cloudtrail:GetDetectionSettings), ListDetectionFindings and
 * GetDetectionFinding, which read what LookupEvents reads (cloudtrail:LookupEvents).
 */
public final class DetectionOperations {

    static final int MAX_RESULTS = 100;
    private static final int FINDING_ID_MAX = 64;

    private final ElasticsearchClient client;
    private final DetectionSettingsStore settings;
    private final FindingStore findings;
    private final Clock clock;
    private final AddressPolicy webhookAddresses;

    public DetectionOperations(ElasticsearchClient client, DetectionSettingsStore settings, FindingStore findings, Clock clock,
                               AddressPolicy webhookAddresses) {
        this.client = client;
        this.webhookAddresses = webhookAddresses;
        this.settings = settings;
        this.findings = findings;
        this.clock = clock;
    }

    public List<JsonOperation> all() {
        return List.of(
                new JsonOperation("PutDetectionSettings", "cloudtrail:PutDetectionSettings", this::put, false,
                        DetectionSettings::recorded),
                new JsonOperation("GetDetectionSettings", "cloudtrail:GetDetectionSettings", this::get),
                new JsonOperation("ListDetectionFindings", "cloudtrail:LookupEvents", this::list),
                new JsonOperation("GetDetectionFinding", "cloudtrail:LookupEvents", this::finding));
    }

    /** Replaces the account's settings; answers them as GetDetectionSettings would. */
    JsonNode put(String accountId, JsonNode request) throws IOException {
        DetectionSettings previous = settings.get(accountId);
        DetectionSettings replaced = DetectionSettings.from(accountId, request, clock.instant(), previous, webhookAddresses);
        settings.put(replaced);
        ObjectNode answer = replaced.toJson();
        // shown once: the answer of the call that made it (the audit endpoint never records answers)
        if (replaced.webhook() != null && (previous.webhook() == null || !replaced.webhook().secret().equals(previous.webhook().secret()))) {
            ((ObjectNode) answer.get("Webhook")).put("Secret", replaced.webhook().secret());
        }
        return answer;
    }

    JsonNode get(String accountId, JsonNode request) throws IOException {
        return settings.get(accountId).toJson();
    }

    /** {"Detection", "StartTime", "EndTime", "MaxResults", "NextToken"}: {"Findings": [...], "NextToken"}, newest first. */
    JsonNode list(String accountId, JsonNode request) throws IOException {
        String detection = null;
        if (request.hasNonNull("Detection")) {
            if (!request.get("Detection").isTextual()) {
                throw new JsonProtocolException("ValidationException", "Detection must be a string.");
            }
            detection = Detection.named(request.get("Detection").asText()).apiName();
        }
        Instant start = JsonTimestamps.optional(request.path("StartTime"), "StartTime");
        Instant end = JsonTimestamps.optional(request.path("EndTime"), "EndTime");
        if (start != null && end != null && start.isAfter(end)) {
            throw new JsonProtocolException("InvalidTimeRangeException", "Start time must be before end time.");
        }
        JsonNode max = request.path("MaxResults");
        if (!max.isMissingNode() && !max.isNull() && (!max.isIntegralNumber() || max.asInt() < 1 || max.asInt() > MAX_RESULTS)) {
            throw new JsonProtocolException("InvalidMaxResultsException", "MaxResults must be from 1 to " + MAX_RESULTS + ".");
        }
        int maxResults = max.isIntegralNumber() ? max.asInt() : 50;
        String fingerprint = detection + "/" + start + "/" + end + "/" + maxResults;
        JsonNode token = request.path("NextToken");
        if (!token.isMissingNode() && !token.isNull() && !token.isTextual()) {
            throw new JsonProtocolException("InvalidNextTokenException", "Invalid NextToken.");
        }
        List<FieldValue> after = token.isTextual() ? PageTokens.decode(token.asText(), fingerprint) : null;
        FindingStore.Page page = findings.list(accountId, detection, start, end, maxResults, after);
        ObjectNode result = Json.mapper().createObjectNode();
        ArrayNode list = result.putArray("Findings");
        page.findings().forEach(list::add);
        if (page.last() != null) {
            result.put("NextToken", PageTokens.encode(page.last(), fingerprint));
        }
        return result;
    }

    /** {"FindingId"}: {"Finding": {...}, "Records": [the CloudTrail records that caused it]}. */
    JsonNode finding(String accountId, JsonNode request) throws IOException {
        JsonNode id = request.path("FindingId");
        if (!id.isTextual() || id.asText().isEmpty() || id.asText().length() > FINDING_ID_MAX) {
            throw new JsonProtocolException("ValidationException", "FindingId is required: a string of at most " + FINDING_ID_MAX + " characters.");
        }
        ObjectNode finding = findings.get(accountId, id.asText()).orElseThrow(() -> new JsonProtocolException(
                "ResourceNotFoundException", "No finding " + id.asText() + " in this account."));
        List<FieldValue> eventIds = new ArrayList<>();
        finding.path("EventIds").forEach(eventId -> eventIds.add(FieldValue.of(eventId.asText())));
        SearchResponse<ObjectNode> response = CallerSearches.search(client, s -> s.index(AuditIndices.PATTERN).ignoreUnavailable(true).allowNoIndices(true)
                .size(eventIds.size()).query(q -> q.bool(b -> b
                        .filter(f -> f.term(t -> t.field("recipientAccountId").value(accountId)))
                        .filter(f -> f.terms(t -> t.field("eventID").terms(v -> v.value(eventIds)))))), ObjectNode.class);
        ObjectNode result = Json.mapper().createObjectNode();
        result.set("Finding", finding);
        ArrayNode records = result.putArray("Records");
        response.hits().hits().forEach(hit -> records.add(AuditDocument.record(hit.source())));
        return result;
    }
}
