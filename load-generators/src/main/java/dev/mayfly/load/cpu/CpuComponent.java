package dev.mayfly.load.cpu;

import java.util.List;

/**
 * The parts of the platform that CPU time is told apart by, and which threads are whose: one table, in {@link #RULES}.
 * Threads are known by their name as Linux keeps it (/proc/.../comm), which is cut to 15 characters:
 * "kafka-producer-network-thread | mayfly-issuer" is "kafka-producer-", the same for every service's producer.
 */
public enum CpuComponent {
    REQUESTS("request handling (virtual threads' carriers, HTTP server)"),
    EVENT_STORE("event store and group commit"),
    EVENT_STORE_TAIL("event-store tail"),
    PUBLISHING("publishing (Kafka producers, publishing processors)"),
    KAFKA_BROKER("Kafka broker"),
    AUDIT_PROJECTION("audit projection (consumer, Elasticsearch client)"),
    ELASTICSEARCH("Elasticsearch"),
    DIGESTER("digester"),
    POSTGRESQL("PostgreSQL (its processes)"),
    JIT("JIT compilers"),
    GC("GC and VM operations"),
    OTHER("other threads"),
    EXITED("exited threads (process total less its live threads)");

    private final String label;

    CpuComponent(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A thread whose name starts with the prefix is the component's; the first rule that matches wins, so order counts. */
    record Rule(String prefix, CpuComponent component) {
    }

    /** Whose each thread is, by the first 15 characters of its name; a thread no rule names is {@link #OTHER}'s. */
    static final List<Rule> RULES = List.of(
            // the JDK's HTTP server: its dispatcher and timers; requests run on virtual threads, so on the carrier pool
            new Rule("ForkJoinPool-", REQUESTS),
            new Rule("HTTP-Dispatcher", REQUESTS),
            new Rule("idle-timeout-ta", REQUESTS),
            new Rule("req-rsp-timeout", REQUESTS),
            new Rule("event-store-gro", EVENT_STORE),
            new Rule("commit-signal-t", EVENT_STORE),
            new Rule("EmbeddedEventSt", EVENT_STORE),
            new Rule("event-store-tai", EVENT_STORE_TAIL),
            // every service's producer looks the same cut to 15 characters; under AssumeRole load the issuer's is the busy one
            new Rule("kafka-producer-", PUBLISHING),
            // Axon's streaming processors, named by processor: the issuer's kafka-publisher, the revocation service's two
            new Rule("WorkPackage[", PUBLISHING),
            new Rule("Coordinator[", PUBLISHING),
            new Rule("EventProcessor[", PUBLISHING),
            new Rule("audit-projector", AUDIT_PROJECTION),
            // the audit consumer group's heartbeat; the projector polls on its own thread
            new Rule("kafka-coordinat", AUDIT_PROJECTION),
            // the Elasticsearch low-level REST client's I/O threads, which the projector's bulk requests run on
            new Rule("elasticsearch-r", AUDIT_PROJECTION),
            new Rule("elasticsearch[", ELASTICSEARCH),
            new Rule("audit-digester", DIGESTER),
            new Rule("data-plane-kafk", KAFKA_BROKER),
            new Rule("kafka-", KAFKA_BROKER),
            new Rule("broker-", KAFKA_BROKER),
            new Rule("controller-", KAFKA_BROKER),
            new Rule("quorum-controll", KAFKA_BROKER),
            new Rule("raft-", KAFKA_BROKER),
            new Rule("group-coordinat", KAFKA_BROKER),
            new Rule("share-", KAFKA_BROKER),
            new Rule("transaction-log", KAFKA_BROKER),
            new Rule("ExpirationReape", KAFKA_BROKER),
            new Rule("executor-", KAFKA_BROKER),
            new Rule("client-metrics-", KAFKA_BROKER),
            new Rule("metrics-meter-t", KAFKA_BROKER),
            new Rule("SensorExpiryThr", KAFKA_BROKER),
            new Rule("TxnMarkerSender", KAFKA_BROKER),
            new Rule("AddPartitionsTo", KAFKA_BROKER),
            new Rule("PersisterStateM", KAFKA_BROKER),
            new Rule("ShareGroupDLQSe", KAFKA_BROKER),
            new Rule("LogDirFailureHa", KAFKA_BROKER),
            new Rule("C1 CompilerThre", JIT),
            new Rule("C2 CompilerThre", JIT),
            new Rule("GC Thread", GC),
            new Rule("G1 ", GC),
            // ZGC's (MAYFLY_JAVA_OPTS="-XX:-UseParallelGC -XX:+UseZGC"): its workers, and what drives and directs them
            new Rule("ZWorker", GC),
            new Rule("ZDriver", GC),
            new Rule("ZDirector", GC),
            new Rule("VM Thread", GC));

    /** The component of a thread of a JVM of the platform, by its name. */
    static CpuComponent ofThread(String comm) {
        return RULES.stream().filter(rule -> comm.startsWith(rule.prefix())).map(Rule::component).findFirst().orElse(OTHER);
    }

    /** The component of a process as a whole, when it is not a JVM whose threads are told apart: PostgreSQL's. */
    static boolean wholeProcess(String processComm) {
        return processComm.equals("postgres");
    }
}
