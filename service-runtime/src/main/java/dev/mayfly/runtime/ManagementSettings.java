package dev.mayfly.runtime;

/**
 * Where a service's {@link ManagementListener} listens, read the same way by every service:
 * MAYFLY_&lt;SERVICE&gt;_MANAGEMENT_HOST (default 127.0.0.1) and MAYFLY_&lt;SERVICE&gt;_MANAGEMENT_PORT (each service its
 * own default, so that the three can run on one machine; 0 means any free port). Named per service, as the public ports
 * are, because ./mayfly dev runs the three services in one process on one set of settings.
 *
 * @param host the address to bind: loopback unless an operator opens it to a management network
 * @param port the port, or 0 for any free one
 */
public record ManagementSettings(String host, int port) {

    /** Only the machine's own users and agents (a Prometheus sidecar, the operator's CLI) reach the listener by default. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Loopback, any free port: for services whose settings are made in code, tests above all. */
    public static final ManagementSettings ANY_LOOPBACK_PORT = new ManagementSettings(DEFAULT_HOST, 0);

    /**
     * @param service     the service's name in its settings: ISSUER, AUDIT or REVOCATION
     * @param defaultPort the port when MAYFLY_&lt;SERVICE&gt;_MANAGEMENT_PORT is not set
     */
    public static ManagementSettings from(Settings settings, String service, int defaultPort) {
        String prefix = "MAYFLY_" + service + "_MANAGEMENT_";
        return new ManagementSettings(settings.string(prefix + "HOST", DEFAULT_HOST), settings.integer(prefix + "PORT", defaultPort));
    }
}
