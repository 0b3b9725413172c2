package dev.mayfly.runtime.audit;

import dev.mayfly.runtime.ServiceMetrics;
import java.time.Clock;

/**
 * What every audited endpoint of a service shares: where records go, the per-source limit of unauthenticated calls,
 * the service's metrics and clock.
 */
public record CallAuditing(CallRecorder recorder, UnauthenticatedCalls unauthenticated, ServiceMetrics metrics, Clock clock) {
}
