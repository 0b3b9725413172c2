package dev.mayfly.runtime.audit;

import dev.mayfly.runtime.ServiceMetrics;
import java.time.Clock;

/**
 * What every audited endpoint of a service shares: where records go, the service's request limits, its metrics and clock.
 */
public record CallAuditing(CallRecorder recorder, CallLimits limits, ServiceMetrics metrics, Clock clock) {
}
