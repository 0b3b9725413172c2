package dev.mayfly.runtime.tracing;

import com.sun.net.httpserver.Headers;
import dev.mayfly.runtime.Settings;
import java.util.Locale;

/**
 * How a service traces the requests it is asked: {@link #OFF} by default, or OpenTelemetry server spans with
 * MAYFLY_TRACING=otel ({@link OpenTelemetryTracing}). Either way a request's trace id, the one its W3C traceparent header
 * names, goes into its audit record, so that a record found in a SIEM leads to the caller's trace.
 */
public interface RequestTracing {

    String SETTING = "MAYFLY_TRACING";

    /**
     * No spans, and no OpenTelemetry class loaded: only the caller's traceparent is read, for the record. What a request
     * costs when tracing is off is the parse of one header.
     */
    RequestTracing OFF = headers -> TracedRequest.untraced(TraceParent.traceId(headers.getFirst(TraceParent.HEADER)).orElse(null));

    /** Starts tracing a request that arrived with these headers. */
    TracedRequest start(Headers headers);

    /**
     * The tracing MAYFLY_TRACING asks for: "off" (the default) or "otel", then configured by the standard OTEL_* variables
     * (exporter, endpoint, sampler, resource; https://opentelemetry.io/docs/languages/java/configuration/), with the
     * service name mayfly-SERVICE unless OTEL_SERVICE_NAME says otherwise.
     *
     * @throws IllegalArgumentException for any other value, so that a misspelt setting is not silently untraced
     */
    static RequestTracing from(Settings settings, String service) {
        String mode = settings.string(SETTING, "off").toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "off" -> OFF;
            case "otel" -> OpenTelemetryTracing.autoconfigured("mayfly-" + service);
            default -> throw new IllegalArgumentException(SETTING + " must be off or otel, not '" + mode + "'");
        };
    }
}
