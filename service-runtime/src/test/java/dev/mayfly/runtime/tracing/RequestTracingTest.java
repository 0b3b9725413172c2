package dev.mayfly.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import dev.mayfly.runtime.Settings;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** MAYFLY_TRACING: off by default, OpenTelemetry configured by the OTEL_* settings when otel, refused when misspelt. */
class RequestTracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @AfterEach
    void clear() {
        System.clearProperty("otel.traces.exporter");
    }

    private static Headers traceparent(String value) {
        Headers headers = new Headers();
        headers.add("traceparent", value);
        return headers;
    }

    @Test
    void fromWhenUnsetThenOffWhichKeepsTheCallersTraceIdAndStartsNoTraceOfItsOwn() {
        RequestTracing tracing = RequestTracing.from(Settings.of(Map.of()), "issuer");

        assertThat(tracing).isSameAs(RequestTracing.OFF);
        assertThat(tracing.start(traceparent("00-" + TRACE_ID + "-00f067aa0ba902b7-01")).traceId()).isEqualTo(TRACE_ID);
        assertThat(tracing.start(new Headers()).traceId()).isNull();
    }

    @Test
    void fromWhenOtelThenTheAutoconfiguredSdkStartsSpansInTheCallersTraceOrANewOne() {
        System.setProperty("otel.traces.exporter", "logging");

        RequestTracing tracing = RequestTracing.from(Settings.of(Map.of(RequestTracing.SETTING, "otel")), "issuer");

        assertThat(tracing).isInstanceOf(OpenTelemetryTracing.class);
        TracedRequest inCallersTrace = tracing.start(traceparent("00-" + TRACE_ID + "-00f067aa0ba902b7-01"));
        TracedRequest ofItsOwn = tracing.start(new Headers());
        assertThat(inCallersTrace.traceId()).isEqualTo(TRACE_ID);
        assertThat(ofItsOwn.traceId()).matches("[0-9a-f]{32}").isNotEqualTo(TRACE_ID);
        inCallersTrace.end("sts.amazonaws.com", "GetCallerIdentity", "r1", "OK", 200);
        ofItsOwn.end("sts.amazonaws.com", "Unknown", "r2", "InvalidAction", 400);
    }

    @Test
    void fromWhenOtelWithTheDefaultExporterThenOtlpOverHttpWhichNeedsNoGrpcTransport() {
        assertThat(RequestTracing.from(Settings.of(Map.of(RequestTracing.SETTING, "otel")), "audit")).isInstanceOf(OpenTelemetryTracing.class);
    }

    @Test
    void fromWhenMisspeltThenRefusedRatherThanSilentlyUntraced() {
        assertThatThrownBy(() -> RequestTracing.from(Settings.of(Map.of(RequestTracing.SETTING, "opentelemetry")), "issuer"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAYFLY_TRACING");
    }
}
