/**
 * How a service traces the calls it is asked ({@link dev.mayfly.runtime.tracing.RequestTracing}, MAYFLY_TRACING): the
 * W3C traceparent a request carries ({@link dev.mayfly.runtime.tracing.TraceParent}), and, when tracing is on,
 * OpenTelemetry server spans ({@link dev.mayfly.runtime.tracing.OpenTelemetryTracing}). The audited-call frame asks it
 * for each call's trace id, which goes into the call's record and, while the call is handled, the logs' MDC.
 *
 * <p>Owns: spans and trace ids. Must not: put into a span anything a caller chose beyond the action it names (no
 * parameter, no header, no credential), or load an OpenTelemetry class while tracing is off.
 */
package dev.mayfly.runtime.tracing;
