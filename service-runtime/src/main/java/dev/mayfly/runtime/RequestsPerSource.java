package dev.mayfly.runtime;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * How many requests each source address has being served, refusing more than a limit at once. This stands in for a cap on
 * connections per source, which the JDK's server cannot have: it accepts and keeps connections without telling the
 * application (no accept hook; filters see exchanges, not connections), and nothing says when one closes. What a connection
 * costs beyond a file descriptor is the request on it being served; idle ones are bounded by the total cap and the idle
 * timeout, and those still sending their headers by the request time limit.
 */
final class RequestsPerSource {

    private final int limit;
    private final ConcurrentMap<InetAddress, Integer> inFlight = new ConcurrentHashMap<>();

    RequestsPerSource(int limit) {
        this.limit = limit;
    }

    /** @return whether the source may have one more request served; if so, {@link #finished} must follow */
    boolean tryStart(InetAddress source) {
        if (inFlight.merge(source, 1, Integer::sum) <= limit) {
            return true;
        }
        finished(source);
        return false;
    }

    void finished(InetAddress source) {
        inFlight.computeIfPresent(source, (address, count) -> count == 1 ? null : count - 1);
    }
}
