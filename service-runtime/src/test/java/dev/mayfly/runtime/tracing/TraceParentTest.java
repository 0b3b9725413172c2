package dev.mayfly.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The traceparent header as W3C Trace Context defines it: what parses, and what is ignored. */
class TraceParentTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void traceIdWhenTheHeaderIsValidThenItsTraceId() {
        assertThat(TraceParent.traceId("00-" + TRACE_ID + "-00f067aa0ba902b7-01")).contains(TRACE_ID);
        assertThat(TraceParent.traceId("00-" + TRACE_ID + "-00f067aa0ba902b7-00")).contains(TRACE_ID);
    }

    @Test
    void traceIdWhenALaterVersionAppendsFieldsThenItsTraceIdAndVersion00MayNot() {
        assertThat(TraceParent.traceId("01-" + TRACE_ID + "-00f067aa0ba902b7-01-later")).contains(TRACE_ID);
        assertThat(TraceParent.traceId("00-" + TRACE_ID + "-00f067aa0ba902b7-01-later")).isEmpty();
    }

    @Test
    void traceIdWhenTheHeaderIsInvalidThenEmpty() {
        assertThat(TraceParent.traceId(null)).isEmpty();
        assertThat(TraceParent.traceId("")).isEmpty();
        assertThat(TraceParent.traceId("ff-" + TRACE_ID + "-00f067aa0ba902b7-01")).isEmpty();
        assertThat(TraceParent.traceId("00-" + "0".repeat(32) + "-00f067aa0ba902b7-01")).isEmpty();
        assertThat(TraceParent.traceId("00-" + TRACE_ID + "-0000000000000000-01")).isEmpty();
        assertThat(TraceParent.traceId("00-" + TRACE_ID.toUpperCase() + "-00f067aa0ba902b7-01")).isEmpty();
        assertThat(TraceParent.traceId("00-" + TRACE_ID + "-00f067aa0ba902b7-0g")).isEmpty();
        assertThat(TraceParent.traceId("00_" + TRACE_ID + "-00f067aa0ba902b7-01")).isEmpty();
    }
}
