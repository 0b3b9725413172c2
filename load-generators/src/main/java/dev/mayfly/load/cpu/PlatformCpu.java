package dev.mayfly.load.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The CPU a running platform spends over a measured phase: its processes are found by the ports they listen on (the
 * issuer's, whose JVM in ./mayfly dev holds Kafka, Elasticsearch and the other services too, and starts a cluster's issuer
 * JVMs; PostgreSQL's, whose server leaves the tree of the JVM that started it), then sampled from /proc at the phase's
 * start and end.
 */
public final class PlatformCpu {

    private final ProcessTree processes;
    private final List<Long> roots;
    private ThreadCpuSample start;

    private PlatformCpu(ProcessTree processes, List<Long> roots) {
        this.processes = processes;
        this.roots = roots;
    }

    /**
     * The platform on this machine that listens on these ports (a port no process of this machine listens on is left
     * out); empty when none is found: not Linux, the platform elsewhere, or another user's.
     *
     * @param issuerPort the issuer's port, or the port of the round-robin listener before a cluster's issuers
     * @param otherPorts other processes of the platform by their ports: PostgreSQL's
     */
    public static Optional<PlatformCpu> listeningOn(int issuerPort, int... otherPorts) {
        OptionalLong issuer = ListeningProcess.onPort(issuerPort);
        if (issuer.isEmpty()) {
            return Optional.empty();
        }
        List<Long> roots = new ArrayList<>(List.of(issuer.getAsLong()));
        for (int port : otherPorts) {
            ListeningProcess.onPort(port).ifPresent(roots::add);
        }
        return Optional.of(new PlatformCpu(ProcessTree.of(roots), List.copyOf(roots)));
    }

    /** The processes found by their ports, the issuer's first: the JVM that a profiler attaches to. */
    public List<Long> roots() {
        return roots;
    }

    /** Marks the measured phase's start. */
    public void start() {
        start = processes.sample();
    }

    /** What the platform spent since {@link #start}. */
    public CpuBreakdown stop() {
        if (start == null) {
            throw new IllegalStateException("stop() before start()");
        }
        return CpuBreakdown.between(start, processes.sample());
    }
}
