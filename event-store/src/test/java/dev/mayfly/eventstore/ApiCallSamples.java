package dev.mayfly.eventstore;

import dev.mayfly.contract.ApiCallRecorded;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** API-call records for tests that only need some record to store, group or read back. */
final class ApiCallSamples {

    private ApiCallSamples() {
    }

    /** A successful GetCallerIdentity, made now, under the given event id. */
    static ApiCallRecorded getCallerIdentity(String eventId) {
        return new ApiCallRecorded(eventId, Instant.now(), "sts.amazonaws.com", "GetCallerIdentity", "us-east-1", "192.0.2.1",
                "test", "req-" + eventId, null, Map.of(), null, null, null, List.of(), true, "123456789012");
    }
}
