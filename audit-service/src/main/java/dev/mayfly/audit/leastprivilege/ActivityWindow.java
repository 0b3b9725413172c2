package dev.mayfly.audit.leastprivilege;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.protocol.JsonProtocolException;
import dev.mayfly.audit.protocol.JsonTimestamps;
import java.time.Duration;
import java.time.Instant;

/**
 * The window of activity analyzed: StartTime (required) to EndTime (default now), at most 90 days long, as IAM Access
 * Analyzer's policy generation allows. The bound keeps every analysis one aggregation over a bounded slice of the trail.
 */
record ActivityWindow(Instant start, Instant end) {

    static final Duration MAX = Duration.ofDays(90);
    /**
     * The answer when a window holds more distinct principals, actions and resources than one search may aggregate: the
     * caller's to narrow, so a ValidationException, which the SDKs do not retry (not 503, which they retry at once).
     */
    static final String TOO_MUCH_ACTIVITY = "The window holds more activity than one analysis can aggregate: choose a shorter"
            + " window (StartTime, EndTime).";

    static ActivityWindow from(JsonNode request, Instant now) {
        Instant start = JsonTimestamps.optional(request.path("StartTime"), "StartTime");
        if (start == null) {
            throw new JsonProtocolException("ValidationException", "StartTime is required.");
        }
        Instant end = JsonTimestamps.optional(request.path("EndTime"), "EndTime");
        end = end == null ? now : end;
        if (end.isBefore(start)) {
            throw new JsonProtocolException("InvalidTimeRangeException", "StartTime must be before EndTime.");
        }
        if (Duration.between(start, end).compareTo(MAX) > 0) {
            throw new JsonProtocolException("InvalidTimeRangeException", "The window is at most 90 days, as IAM Access Analyzer's.");
        }
        return new ActivityWindow(start, end);
    }
}
