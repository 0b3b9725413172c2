package dev.mayfly.runtime.tracing;

/** One request as its trace sees it: the trace it belongs to, and, when tracing is on, its server span. */
public interface TracedRequest {

    /** The W3C trace id of the request's trace (32 lowercase hex digits); null when it belongs to none. */
    String traceId();

    /**
     * Ends the request's span, if it has one. Only bounded values reach the span: the action's name as the metrics tag it
     * (unknown actions collapsed into one), the outcome (OK or an AWS error code), the status and the request id; never a
     * parameter, a header or a credential.
     *
     * @param eventSource the service the call went to ("sts.amazonaws.com")
     * @param action      the action, "Unknown" when the service has none of that name
     */
    void end(String eventSource, String action, String requestId, String outcome, int status);

    /** A request in no trace. */
    TracedRequest NONE = untracedIn(null);

    /** A request in the trace its caller named (or in none, for null), that starts no span of its own. */
    static TracedRequest untraced(String callersTraceId) {
        return callersTraceId == null ? NONE : untracedIn(callersTraceId);
    }

    private static TracedRequest untracedIn(String callersTraceId) {
        return new TracedRequest() {
            @Override
            public String traceId() {
                return callersTraceId;
            }

            @Override
            public void end(String eventSource, String action, String requestId, String outcome, int status) {
            }
        };
    }
}
