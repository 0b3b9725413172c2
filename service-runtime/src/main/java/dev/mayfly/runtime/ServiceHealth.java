package dev.mayfly.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What GET /readyz (and /healthz, its older name) answers: UP, DEGRADED (serving, but something needs an operator: for
 * example records set aside), STARTING (not ready, or a dependency is away) or STOPPING (draining before the process
 * stops: {@link HttpService#close}), with figures that say why.
 *
 * @param details counts and flags shown beside the status; never a secret
 */
public record ServiceHealth(Status status, Map<String, Object> details) {

    public enum Status {
        UP(200), DEGRADED(200), STARTING(503), STOPPING(503);

        private final int httpStatus;

        Status(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    public ServiceHealth {
        details = Map.copyOf(details);
    }

    /** UP when ready, STARTING before. */
    public static ServiceHealth of(boolean ready) {
        return new ServiceHealth(ready ? Status.UP : Status.STARTING, Map.of());
    }

    /** Draining: a load balancer is to send its requests elsewhere, whatever the dependencies say. */
    static ServiceHealth stopping() {
        return new ServiceHealth(Status.STOPPING, Map.of());
    }

    /** The body of the answer, as JSON members in this order: status, service, then the details. */
    Map<String, Object> body(String service) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.name());
        body.put("service", service);
        body.putAll(details);
        return body;
    }
}
