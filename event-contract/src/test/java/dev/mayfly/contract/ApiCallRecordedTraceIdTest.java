package dev.mayfly.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trace id is an optional field of ApiCallRecorded: events written before it existed read as untraced. */
class ApiCallRecordedTraceIdTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void readWhenAnEventPredatesTheTraceIdThenItReadsAsUntraced() throws Exception {
        String written = "{\"eventId\":\"e\",\"eventTime\":\"2026-12-06T10:00:00Z\",\"eventSource\":\"sts.amazonaws.com\","
                + "\"eventName\":\"GetCallerIdentity\",\"requestId\":\"r\",\"readOnly\":true}";

        ApiCallRecorded call = Json.mapper().readValue(written, ApiCallRecorded.class);

        assertThat(call.traceId()).isNull();
        assertThat(call.eventName()).isEqualTo("GetCallerIdentity");
    }

    @Test
    void writeWhenTracedThenTheTraceIdRoundTripsAndAnUntracedEventIsWrittenAsBefore() throws Exception {
        ApiCallRecorded traced = new ApiCallRecorded("e", Instant.parse("2026-12-06T10:00:00Z"), "sts.amazonaws.com", "GetCallerIdentity",
                "us-east-1", "127.0.0.1", "agent", "r", null, Map.of(), null, null, null, List.of(), true, "000000000001", null, null, TRACE_ID);
        ApiCallRecorded untraced = new ApiCallRecorded("e", Instant.parse("2026-12-06T10:00:00Z"), "sts.amazonaws.com", "GetCallerIdentity",
                "us-east-1", "127.0.0.1", "agent", "r", null, Map.of(), null, null, null, List.of(), true, "000000000001", null, null);

        ApiCallRecorded readBack = Json.mapper().readValue(Json.mapper().writeValueAsBytes(traced), ApiCallRecorded.class);

        assertThat(readBack).isEqualTo(traced);
        assertThat(readBack.traceId()).isEqualTo(TRACE_ID);
        assertThat(Json.mapper().writeValueAsString(untraced)).doesNotContain("traceId");
    }
}
