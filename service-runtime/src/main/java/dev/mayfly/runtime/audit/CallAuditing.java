package dev.mayfly.runtime.audit;

import dev.mayfly.runtime.ServiceMetrics;
import dev.mayfly.runtime.tracing.RequestTracing;
import java.time.Clock;

/**
 * What every audited endpoint of a service shares: where records go, the service's request limits, its metrics, how it
 * traces requests, and its clock.
 */
public record CallAuditing(CallRecorder recorder, CallLimits limits, ServiceMetrics metrics, Clock clock, RequestTracing tracing) {

    /** Without spans: only the trace id a request's traceparent names reaches its record. */
    public CallAuditing(CallRecorder recorder, CallLimits limits, ServiceMetrics metrics, Clock clock) {
        this(recorder, limits, metrics, clock, RequestTracing.OFF);
    }
}
