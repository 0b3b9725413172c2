package dev.mayfly.audit.integrity;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.OpType;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.IndexRequest;
import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of the audit processes of a deployment seals digests: the holder of a lease, one document in index
 * {@value #INDEX} per digester consumer group, written only by compare-and-set on its sequence number and primary term.
 * The others stand by and take the lease over once it has not been renewed for its whole duration, or at once when its
 * holder released it (a clean stop).
 *
 * <p>No clocks are compared across hosts: a standby counts the lease's duration on its own monotonic clock from when it
 * first saw the lease's current version, and a holder counts itself holding only until half the duration after it
 * sent its last successful renewal. So a holder that can no longer renew (crashed, cut off from Elasticsearch, paused)
 * stops sealing well before anyone takes over. Each takeover raises the lease's term; the digester drops what it held
 * in memory whenever the term it seals under is no longer held. What a holder paused between that check and its
 * write could still do is stopped by the digests themselves ({@link DigestStore#append}: one digest at most after each).
 */
public final class DigesterLease implements AutoCloseable {

    public static final String INDEX = "mayfly-digester-leases";
    private static final Logger LOG = LoggerFactory.getLogger(DigesterLease.class);
    private static final String MAPPING = """
            {
              "settings": {"number_of_shards": 1, "number_of_replicas": %d},
              "mappings": {"dynamic": false, "properties": {"holder": {"type": "keyword"}, "term": {"type": "long"}}}
            }""";

    /** The lease document: who holds it (null once released), under which term, and when it was last renewed (for people). */
    public record Lease(String holder, long term, Instant renewedAt) {
    }

    /** A version of the lease document, as read. */
    private record Seen(Lease lease, long seqNo, long primaryTerm) {
    }

    private final ElasticsearchClient client;
    private final String name;
    private final Duration duration;
    private final String holder;
    private final Thread thread;
    private volatile boolean running = true;
    /** The term held, or 0; valid until {@link #validUntilNanos}. */
    private volatile long term;
    private volatile long validUntilNanos;
    private volatile boolean reachable = true;
    /** The version a standby watches, and since when (its own clock) it has not changed. */
    private Seen watched;
    private long watchedSinceNanos;

    private DigesterLease(ElasticsearchClient client, String name, Duration duration) {
        this.client = client;
        this.name = name;
        this.duration = duration;
        this.holder = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
        this.thread = Thread.ofPlatform().daemon().name("audit-digester-lease").unstarted(this::run);
    }

    /**
     * Creates the lease index unless it exists, and starts contending for the lease.
     *
     * @param name     the lease's name: the digester's consumer group, whose committed offsets its holder goes on from
     * @param duration how long a holder that stopped renewing keeps the lease (MAYFLY_AUDIT_DIGESTER_LEASE_SECONDS): a
     *                 standby takes over at most this long (and one check) after the holder died
     * @param replicas the new index's replicas, as the digests index has
     */
    public static DigesterLease start(ElasticsearchClient client, String name, Duration duration, int replicas) throws IOException {
        if (!client.indices().exists(e -> e.index(INDEX)).value()) {
            try {
                client.indices().create(c -> c.index(INDEX).withJson(new StringReader(MAPPING.formatted(replicas))));
            } catch (ElasticsearchException e) {
                if (!"resource_already_exists_exception".equals(e.error().type())) {
                    throw e;
                }
            }
        }
        DigesterLease lease = new DigesterLease(client, name, duration);
        lease.thread.start();
        return lease;
    }

    /** The term this process holds the lease under now, or 0 while it stands by (or can no longer be sure it holds it). */
    public long heldTerm() {
        long held = term;
        return held != 0 && System.nanoTime() - validUntilNanos < 0 ? held : 0;
    }

    /** False while the lease cannot be read or written: a standby could not take over. */
    public boolean reachable() {
        return reachable;
    }

    /** How often the lease is renewed, and a standby looks at it: a sixth of its duration, so that a renewal may fail twice. */
    private Duration checkEvery() {
        Duration every = duration.dividedBy(6);
        return every.toMillis() < 50 ? Duration.ofMillis(50) : every;
    }

    private void run() {
        while (running) {
            try {
                step();
                reachable = true;
            } catch (IOException | RuntimeException e) {
                if (!running) {
                    return;   // closing: the request was interrupted
                }
                reachable = false;
                LOG.warn("the digester lease {} could not be read or renewed ({})", name, e.toString());
            }
            try {
                Thread.sleep(checkEvery());
            } catch (InterruptedException e) {
                return;   // closing
            }
        }
    }

    /** One look at the lease: renew it if held, take it if released or expired, otherwise watch it. */
    private void step() throws IOException {
        long now = System.nanoTime();
        Optional<Seen> seen = read();
        if (seen.isEmpty()) {
            write(new Lease(holder, 1, Instant.now()), null, now);
            return;
        }
        Seen current = seen.get();
        Lease lease = current.lease();
        if (holder.equals(lease.holder())) {
            write(new Lease(holder, lease.term(), Instant.now()), current, now);
            return;
        }
        if (term != 0) {
            LOG.warn("the digester lease {} was taken over (term {}): standing by", name, lease.term());
            term = 0;
        }
        if (lease.holder() == null) {
            write(new Lease(holder, lease.term() + 1, Instant.now()), current, now);
        } else if (!current.equals(watched)) {
            watched = current;
            watchedSinceNanos = now;
        } else if (now - watchedSinceNanos >= duration.toNanos()) {
            LOG.warn("the digester lease {} was not renewed by {} for {}: taking it over", name, lease.holder(), duration);
            write(new Lease(holder, lease.term() + 1, Instant.now()), current, now);
        }
    }

    private Optional<Seen> read() throws IOException {
        GetResponse<Lease> response = client.get(g -> g.index(INDEX).id(name), Lease.class);
        if (!response.found() || response.source() == null) {
            return Optional.empty();
        }
        return Optional.of(new Seen(response.source(), response.seqNo(), response.primaryTerm()));
    }

    /**
     * Writes the lease if it is still the version read ({@code over}; null: if there is none yet). Held, when written,
     * until half its duration after {@code sentNanos}: a standby counts the whole duration from a later moment.
     */
    private void write(Lease lease, Seen over, long sentNanos) throws IOException {
        try {
            client.index(request(lease, over));
        } catch (IOException | ElasticsearchException e) {
            if (VersionConflicts.is(e)) {
                term = 0;   // someone else wrote it first: look again at the next check
                return;
            }
            throw e;
        }
        validUntilNanos = sentNanos + duration.toNanos() / 2;
        if (term != lease.term()) {
            LOG.info("the digester lease {} is held by this process now (term {})", name, lease.term());
        }
        term = lease.term();
        watched = null;
    }

    /** The lease written only if it is still the version read, or created only if there was none. */
    private IndexRequest<Lease> request(Lease lease, Seen over) {
        IndexRequest.Builder<Lease> request = new IndexRequest.Builder<Lease>().index(INDEX).id(name).document(lease);
        return (over == null ? request.opType(OpType.Create) : request.ifSeqNo(over.seqNo()).ifPrimaryTerm(over.primaryTerm())).build();
    }

    /** Stops contending and, if held, releases the lease so that a standby takes it at its next check. Call it once nothing is sealed any more. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(10_000);
        if (term == 0) {
            return;
        }
        term = 0;
        try {
            Optional<Seen> seen = read();
            if (seen.isPresent() && holder.equals(seen.get().lease().holder())) {
                Lease released = new Lease(null, seen.get().lease().term(), Instant.now());
                client.index(request(released, seen.get()));
                LOG.info("the digester lease {} is released", name);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("the digester lease {} was not released ({}): a standby takes it over once it expires", name, e.toString());
        }
    }
}
