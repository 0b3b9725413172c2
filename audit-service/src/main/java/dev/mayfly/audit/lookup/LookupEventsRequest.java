package dev.mayfly.audit.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.protocol.JsonProtocolException;
import dev.mayfly.audit.protocol.JsonTimestamps;
import java.time.Instant;
import java.util.Map;

/**
 * LookupEvents' parameters, checked as CloudTrail documents them.
 *
 * @param attributeKey   the one lookup attribute's key, or null
 * @param attributeValue its value
 * @param startTime      inclusive, or null
 * @param endTime        inclusive, or null
 * @param maxResults     1-50
 * @param nextToken      the previous page's token, or null
 */
record LookupEventsRequest(String attributeKey, String attributeValue, Instant startTime, Instant endTime, int maxResults,
                           String nextToken) {

    /** The lookup attribute keys, and the document field each one filters on. */
    static final Map<String, String> ATTRIBUTE_FIELDS = Map.of(
            "EventId", "eventID",
            "EventName", "eventName",
            "ReadOnly", "readOnly",
            "Username", "mayflyLookup.username",
            "ResourceType", "mayflyLookup.resourceTypes",
            "ResourceName", "mayflyLookup.resourceNames",
            "EventSource", "eventSource",
            "AccessKeyId", "userIdentity.accessKeyId");

    static LookupEventsRequest from(JsonNode body) {
        String key = null;
        String value = null;
        JsonNode attributes = body.path("LookupAttributes");
        if (!attributes.isMissingNode() && !attributes.isNull()) {
            if (!attributes.isArray() || attributes.size() > 1) {
                throw new JsonProtocolException("InvalidLookupAttributesException", "You can only specify one lookup attribute.");
            }
            if (attributes.size() == 1) {
                key = attributes.get(0).path("AttributeKey").asText("");
                value = attributes.get(0).path("AttributeValue").asText("");
                if (!ATTRIBUTE_FIELDS.containsKey(key)) {
                    throw new JsonProtocolException("InvalidLookupAttributesException", "Invalid attribute key: " + key);
                }
                if (value.isEmpty() || value.length() > 2000) {
                    throw new JsonProtocolException("InvalidLookupAttributesException",
                            "Attribute value must be between 1 and 2000 characters.");
                }
                // readOnly is a boolean field: any other value would fail inside the store, answered 503
                if (key.equals("ReadOnly") && !value.equals("true") && !value.equals("false")) {
                    throw new JsonProtocolException("InvalidLookupAttributesException", "ReadOnly must be true or false.");
                }
            }
        }
        Instant start = JsonTimestamps.optional(body.path("StartTime"), "StartTime");
        Instant end = JsonTimestamps.optional(body.path("EndTime"), "EndTime");
        if (start != null && end != null && start.isAfter(end)) {
            throw new JsonProtocolException("InvalidTimeRangeException", "Start time must be before end time.");
        }
        int maxResults = 50;
        if (body.has("MaxResults") && !body.get("MaxResults").isNull()) {
            maxResults = body.get("MaxResults").asInt(-1);
            if (maxResults < 1 || maxResults > 50) {
                throw new JsonProtocolException("InvalidMaxResultsException", "MaxResults must be between 1 and 50.");
            }
        }
        String nextToken = body.path("NextToken").isTextual() ? body.get("NextToken").asText() : null;
        if ("insight".equalsIgnoreCase(body.path("EventCategory").asText(""))) {
            throw new JsonProtocolException("InvalidEventCategoryException", "Insights events are not recorded by Mayfly.");
        }
        return new LookupEventsRequest(key, value, start, end, maxResults, nextToken);
    }

    /** A digest of the filters, so that a NextToken cannot be replayed against another query. */
    String fingerprint() {
        return Integer.toHexString(java.util.Objects.hash(attributeKey, attributeValue, startTime, endTime));
    }
}
