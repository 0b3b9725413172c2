package dev.mayfly.audit.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.protocol.JsonProtocolException;
import dev.mayfly.audit.protocol.JsonTimestamps;
import java.time.Instant;

/** The time window a validation reads records of: {"From": t, "To": t}, both required, From not after To. */
record RecordWindow(Instant from, Instant to) {

    static RecordWindow of(JsonNode request) {
        Instant from = required(request, "From");
        Instant to = required(request, "To");
        if (from.isAfter(to)) {
            throw new JsonProtocolException("InvalidTimeRangeException", "From must be before To.");
        }
        return new RecordWindow(from, to);
    }

    /** Whether a record's eventTime (whole seconds) falls in the window. */
    boolean holds(Instant eventTime) {
        return !eventTime.isBefore(from) && !eventTime.isAfter(to);
    }

    private static Instant required(JsonNode request, String name) {
        Instant time = JsonTimestamps.optional(request.path(name), name);
        if (time == null) {
            throw new JsonProtocolException("ValidationException", name + " is required.");
        }
        return time;
    }
}
