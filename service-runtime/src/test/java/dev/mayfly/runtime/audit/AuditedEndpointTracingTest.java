package dev.mayfly.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.HttpService;
import dev.mayfly.runtime.ServiceMetrics;
import dev.mayfly.runtime.audit.CallLimits.Limits;
import dev.mayfly.runtime.tracing.OpenTelemetryTracing;
import dev.mayfly.runtime.tracing.RequestTracing;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A call's trace id in its record, with tracing off (the caller's traceparent) and on (the server span's, in the caller's
 * trace), and the server span tracing exports: the action, the outcome, nothing the caller sent.
 */
class AuditedEndpointTracingTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private final RecordingRecorder recorder = new RecordingRecorder();
    private final ServiceMetrics metrics = new ServiceMetrics("test");
    private final CallLimits limits = new CallLimits(new Limits(100, 100, Map.of(), Duration.ZERO), "probe.mayfly", recorder, Clock.systemUTC());
    private HttpService service;

    /** GET /?secret=...&fail: a call named Probe, refused AccessDenied when it says fail. */
    private static final class Probe extends AuditedEndpoint {

        Probe(CallAuditing auditing) {
            super("probe.mayfly", 1024, auditing);
        }

        @Override
        protected Outcome dispatch(HttpExchange exchange, byte[] body, Call call) {
            call.eventName = "Probe";
            if (String.valueOf(exchange.getRequestURI().getQuery()).contains("fail")) {
                throw new AwsServiceException("AccessDenied", "No.", 403);
            }
            return new Outcome(200, Map.of("ok", true), Map.of(), List.of());
        }
    }

    private void start(RequestTracing tracing) throws Exception {
        service = new HttpService("test", "127.0.0.1", 0, () -> true, metrics)
                .route("/", new Probe(new CallAuditing(recorder, limits, metrics, Clock.systemUTC(), tracing))).start();
    }

    @AfterEach
    void stop() {
        service.close();
        limits.close();
        metrics.close();
    }

    private HttpResponse<String> get(String query, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/?" + query));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void handleWhenTracingIsOffThenTheCallersTraceIdIsRecordedAndAnInvalidOneIsNot() throws Exception {
        start(RequestTracing.OFF);

        get("a", "traceparent", TRACEPARENT);
        get("b", "traceparent", "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01");
        get("c", "traceparent", "00-<script>-x");
        get("d");

        assertThat(recorder.records).extracting(ApiCallRecorded::traceId).containsExactly(TRACE_ID, null, null, null);
    }

    @Test
    void handleWhenTracingIsOnThenAServerSpanInTheCallersTraceIsExportedWithTheActionAndOutcomeButNothingTheCallerSent()
            throws Exception {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build()) {
            start(new OpenTelemetryTracing(sdk));

            HttpResponse<String> refused = get("fail&secret=" + SECRET, "traceparent", TRACEPARENT, "X-Amz-Security-Token", SECRET);
            get("untraced");

            List<SpanData> spans = exporter.getFinishedSpanItems();
            assertThat(spans).hasSize(2);
            SpanData inCallersTrace = spans.getFirst();
            assertThat(inCallersTrace.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(inCallersTrace.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
            assertThat(inCallersTrace.getKind()).isEqualTo(SpanKind.SERVER);
            assertThat(inCallersTrace.getName()).isEqualTo("probe/Probe");
            assertThat(inCallersTrace.getAttributes().asMap().toString()).contains("rpc.method=Probe", "error.type=AccessDenied",
                    "http.response.status_code=403", "aws.request_id=" + refused.headers().firstValue("x-amzn-RequestId").orElseThrow())
                    .doesNotContain(SECRET);
            // a call without a traceparent starts a trace of its own, which its record names
            assertThat(recorder.records).extracting(ApiCallRecorded::traceId)
                    .containsExactly(TRACE_ID, spans.get(1).getTraceId());
            assertThat(spans.get(1).getTraceId()).isNotEqualTo(TRACE_ID);
        }
    }
}
