package dev.mayfly.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The limits that the JDK's HTTP server enforces itself, which it reads from system properties once per JVM, when its
 * first server is created (sun.net.httpserver.ServerConfig): whichever {@link HttpService} comes first in a process sets
 * them for all. A property already set (-D on the command line, or an earlier service) is kept; a differing wish is
 * logged, since it cannot take effect.
 */
final class JdkServerLimits {

    private static final Logger LOG = LoggerFactory.getLogger(JdkServerLimits.class);
    private static final String REQUEST_SECONDS = "sun.net.httpserver.maxReqTime";

    private JdkServerLimits() {
    }

    static synchronized void apply(HttpLimits limits) {
        for (Map.Entry<String, String> wanted : properties(limits).entrySet()) {
            String current = System.getProperty(wanted.getKey());
            if (current == null) {
                System.setProperty(wanted.getKey(), wanted.getValue());
            } else if (!current.equals(wanted.getValue())) {
                LOG.warn("{} is already {} in this JVM, which the JDK's HTTP server reads once: {} does not apply", wanted.getKey(),
                        current, wanted.getValue());
            }
        }
    }

    /** The request time limit in effect, which may be another's than the one this server asked for. */
    static long requestSeconds() {
        return Long.getLong(REQUEST_SECONDS, 0);
    }

    private static Map<String, String> properties(HttpLimits limits) {
        Map<String, String> properties = new LinkedHashMap<>();
        // From a request's first byte until its body has been read (headers, TLS handshake and body alike), checked each second:
        // the connection is closed, which also frees a handler's virtual thread blocked reading the body. It is also what
        // removes from the server's books a connection whose handler gave up before answering (the client left mid-body),
        // which would otherwise count against maxConnections for ever. Connections that send nothing at all are closed after
        // the same time (checked every 10 s).
        properties.put(REQUEST_SECONDS, Integer.toString(limits.requestSeconds()));
        // Beyond it, a new connection is closed as soon as it is accepted.
        properties.put("jdk.httpserver.maxConnections", Integer.toString(limits.maxConnections()));
        // Beyond maxIdleConnections (200 by default) the server closes each connection that falls idle, without a
        // Connection: close to tell the client, which reuses it and gets no answer ("header parser received no bytes");
        // a busy issuer has more clients than that, so any open connection may be idle.
        properties.put("sun.net.httpserver.maxIdleConnections", Integer.toString(limits.maxConnections()));
        // Beyond either, the connection is closed while the headers are read, before any handler runs. maxReqHeaders counts
        // distinct names; a name repeated is bounded by the size.
        properties.put("sun.net.httpserver.maxReqHeaders", Integer.toString(limits.maxHeaders()));
        properties.put("sun.net.httpserver.maxReqHeaderSize", Integer.toString(limits.maxHeaderBytes()));
        return properties;
    }
}
