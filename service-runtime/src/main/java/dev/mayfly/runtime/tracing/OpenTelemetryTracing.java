package dev.mayfly.runtime.tracing;

import com.sun.net.httpserver.Headers;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.Map;

/**
 * A server span per request, child of the caller's span when its headers name one (W3C traceparent by default; whatever
 * OTEL_PROPAGATORS names), with the attributes of OpenTelemetry's RPC conventions for AWS APIs (rpc.system aws-api).
 */
public final class OpenTelemetryTracing implements RequestTracing {

    private static final String INSTRUMENTATION = "dev.mayfly.runtime";
    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return headers.keySet();
        }

        @Override
        public String get(Headers headers, String key) {
            return headers == null ? null : headers.getFirst(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    /** Spans made by this OpenTelemetry (an SDK the caller configured and closes). */
    public OpenTelemetryTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /**
     * The SDK as the OTEL_* variables and system properties configure it. Mayfly's metrics are Prometheus's and its logs
     * log4j's, so the SDK exports neither unless told to; OTLP goes over HTTP (the JDK's client: no gRPC transport is
     * bundled, and the SDK's own default is gRPC); its shutdown hook flushes the spans not yet exported.
     */
    static OpenTelemetryTracing autoconfigured(String serviceName) {
        OpenTelemetry sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> Map.of("otel.service.name", serviceName, "otel.metrics.exporter", "none",
                        "otel.logs.exporter", "none", "otel.exporter.otlp.protocol", "http/protobuf"))
                .build().getOpenTelemetrySdk();
        return new OpenTelemetryTracing(sdk);
    }

    @Override
    public TracedRequest start(Headers headers) {
        Context parent = propagator.extract(Context.root(), headers, HEADERS);
        Span span = tracer.spanBuilder("request").setParent(parent).setSpanKind(SpanKind.SERVER).startSpan();
        String traceId = span.getSpanContext().isValid() ? span.getSpanContext().getTraceId() : null;
        return new TracedRequest() {
            @Override
            public String traceId() {
                return traceId;
            }

            @Override
            public void end(String eventSource, String action, String requestId, String outcome, int status) {
                String service = eventSource.substring(0, eventSource.indexOf('.') < 0 ? eventSource.length() : eventSource.indexOf('.'));
                span.updateName(service + "/" + action);
                span.setAttribute("rpc.system", "aws-api");
                span.setAttribute("rpc.service", service);
                span.setAttribute("rpc.method", action);
                span.setAttribute("aws.request_id", requestId);
                span.setAttribute("http.response.status_code", status);
                if (!"OK".equals(outcome)) {
                    span.setAttribute("error.type", outcome);
                }
                // a server span is in error only when the server failed; a refused call is the server working
                if (status >= 500) {
                    span.setStatus(StatusCode.ERROR);
                }
                span.end();
            }
        };
    }
}
