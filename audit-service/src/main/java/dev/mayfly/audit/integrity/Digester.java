package dev.mayfly.audit.integrity;

import dev.mayfly.audit.integrity.Digest.Entry;
import dev.mayfly.audit.projection.ApiCalls;
import dev.mayfly.audit.projection.CloudTrailRecord;
import dev.mayfly.audit.projection.Delivery;
import dev.mayfly.audit.projection.EventsConsumers;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.Topics;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.runtime.RetryPause;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals the digests. It reads mayfly.events itself, apart from the projection, and hashes each CloudTrail record as
 * the projection builds it: a digest says what the record was when it was made, not what Elasticsearch holds later.
 *
 * <p>A period is sealed once everything that happened before its end plus the settle time has been read (every
 * partition caught up, or past that time), and a busy one in parts along the way. Offsets are committed only up to
 * the oldest record not sealed yet, with how far it had read, so a restart reads again what it had not sealed and
 * skips what it finds already listed in a digest.
 *
 * <p>One digester per deployment: it reads every partition (no consumer-group balancing), since a digest must see all
 * of an account's records. It keeps only records not sealed yet in memory: at most a part per account, and what
 * arrives during the settle time. Of several audit processes, only the one holding the {@link DigesterLease} reads and
 * seals; the others stand by, holding nothing. Taking over (or finding that the chain moved on without it,
 * {@link DigestStore#append}) it starts afresh, as after a restart: from the latest stored digests and the committed
 * offsets, which only ever the holder commits.
 */
public final class Digester implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Digester.class);
    private static final Duration COMMIT_EVERY = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    /** How often a standby asks whether it holds the lease now (a local question: the lease checks Elasticsearch). */
    private static final Duration STANDBY_CHECK = Duration.ofMillis(100);
    private static final Duration SEALING_SLICE = Duration.ofSeconds(1);

    private final KafkaConsumer<String, byte[]> consumer;
    private final DigestStore store;
    private final DigestSigner signer;
    private final ApiCalls calls;
    private final DigesterLease lease;
    private final Duration period;
    /** The chains and records of the term sealed under: replaced at each takeover. */
    private OpenPeriods periods;
    private final Duration settle;
    private final Clock clock;
    private final Map<TopicPartition, Instant> newestSeen = new HashMap<>();
    /** Per partition, how far the digester had read before it last stopped: what it reads again below may be sealed. */
    private final Map<TopicPartition, Long> readBefore = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean healthy = true;
    /** The lease's term this digester seals under, or 0 while it stands by. */
    private volatile long activeTerm;
    private final AtomicLong unplaceable = new AtomicLong();
    private Instant lastCommit = Instant.EPOCH;

    private Digester(KafkaCluster kafka, String group, DigestStore store, DigestSigner signer, ApiCalls calls, DigesterLease lease,
                     Duration period, Duration settle, Clock clock) {
        this.consumer = EventsConsumers.committingByHand(kafka, group, 1000);
        this.store = store;
        this.signer = signer;
        this.calls = calls;
        this.lease = lease;
        this.period = period;
        this.settle = settle;
        this.clock = clock;
        this.thread = Thread.ofPlatform().name("audit-digester").unstarted(this::run);
    }

    /**
     * Starts standing by; once the lease is held, resumes every account's chain from its latest stored digest and reads.
     *
     * @param group the consumer group whose committed offsets say how far the digester got (no balancing: see above)
     * @param calls what is read of each record: a digest lists only records a producer of the topic signed
     * @param lease the lease this digester seals under, released when it closes
     */
    public static Digester start(KafkaCluster kafka, String group, DigestStore store, DigestSigner signer, ApiCalls calls,
                                 DigesterLease lease, Duration period, Duration settle, Clock clock) {
        Digester digester = new Digester(kafka, group, store, signer, calls, lease, period, settle, clock);
        digester.thread.start();
        return digester;
    }

    /** How many API calls no CloudTrail record could be made of, so no digest lists (the projection sets them aside). */
    public long unplaceable() {
        return unplaceable.get();
    }

    /** False while digests cannot be stored, or, standing by, while the lease cannot be read. */
    public boolean healthy() {
        return healthy && lease.reachable();
    }

    /** Whether this digester seals digests now (it holds the lease); a standby is as healthy as the active one. */
    public boolean active() {
        return activeTerm != 0;
    }

    private void run() {
        RetryPause pause = new RetryPause(Duration.ofMillis(200), MAX_BACKOFF);
        try {
            while (running) {
                try {
                    long term = lease.heldTerm();
                    if (term != activeTerm) {
                        standBy();
                        if (term != 0) {
                            takeOver(term);
                        }
                    }
                    if (activeTerm == 0) {
                        healthy = true;
                        Thread.sleep(STANDBY_CHECK.toMillis());
                        continue;
                    }
                    if (consumer.assignment().isEmpty()) {
                        assignFromCommitted();
                    }
                    sealDue();
                    commitIfDue();
                    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                    try {
                        read(records);
                    } catch (IOException | RuntimeException e) {
                        readAgain(records);
                        throw e;
                    }
                    healthy = true;
                    pause.reset();
                } catch (WakeupException e) {
                    throw e;
                } catch (ChainMovedOn e) {
                    LOG.warn("{}: resuming from the stored digests", e.getMessage());
                    standBy();   // taken over again at once, afresh, while the lease is held
                } catch (IOException | RuntimeException e) {
                    // Kafka or Elasticsearch away, a digest not stored: nothing read is lost, it is read again
                    healthy = false;
                    LOG.warn("digests not sealed ({}); trying again in {} ms", e.toString(), pause.nextMillis());
                    pause.pause();
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** Takes over under this term: every account's chain from its latest stored digest, nothing read yet. */
    private void takeOver(long term) throws IOException {
        store.refresh();   // the previous holder's last digests, written a moment ago
        OpenPeriods resumed = new OpenPeriods(period);
        store.latestPerAccount().values().forEach(resumed::resume);
        periods = resumed;
        activeTerm = term;
        LOG.info("sealing digests (lease term {})", term);
    }

    /** Forgets everything read and not sealed, and reads nothing more: whoever holds the lease goes on from the store. */
    private void standBy() {
        if (activeTerm != 0) {
            LOG.info("standing by: no longer sealing digests (lease term {})", activeTerm);
        }
        activeTerm = 0;
        periods = null;
        consumer.assign(List.of());
        newestSeen.clear();
        readBefore.clear();
        lastCommit = Instant.EPOCH;
    }

    /** Every partition, from where the digester had committed (how far it had read is in the commit's metadata). */
    private void assignFromCommitted() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                if (offset == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, offset.offset());
                    readBefore.put(partition, offset.metadata() == null || offset.metadata().isEmpty() ? Long.MAX_VALUE
                            : Long.parseLong(offset.metadata()));
                }
            }
        } catch (RuntimeException e) {
            consumer.assign(List.of());   // assigned again, from the commits, on the next try
            throw e;
        }
    }

    /**
     * Places each record's CloudTrail records in their periods. Nothing is placed until every look-up has succeeded, so
     * that a failed read leaves the periods as they were and the records can be read again.
     */
    private void read(ConsumerRecords<String, byte[]> records) throws IOException {
        List<Placed> onTime = new ArrayList<>();
        List<Placed> late = new ArrayList<>();
        Map<TopicPartition, Instant> newest = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            Optional<ApiCallRecorded> call = calls.from(record).flatMap(Delivery::call);
            if (call.isEmpty()) {
                continue;   // another event, one that reads as no call (the projection sets those aside), or unsigned
            }
            List<Map<String, Object>> cloudTrailRecords;
            try {
                cloudTrailRecords = CloudTrailRecord.of(call.get());
            } catch (RuntimeException e) {
                unplaceable.incrementAndGet();
                LOG.error("no CloudTrail record of the event at {} offset {} ({}): the projection sets it aside", partition,
                        record.offset(), e.toString());
                continue;
            }
            newest.merge(partition, call.get().eventTime(), (a, b) -> a.isAfter(b) ? a : b);
            for (Map<String, Object> cloudTrail : cloudTrailRecords) {
                String account = (String) cloudTrail.get("recipientAccountId");
                if (account == null) {
                    continue;   // a caller no account could be found for: no account's trail holds it
                }
                String eventTime = (String) cloudTrail.get("eventTime");
                Placed placed = new Placed(account, new Entry((String) cloudTrail.get("eventID"), eventTime, RecordHash.of(cloudTrail)),
                        Instant.parse(eventTime), record.partition(), record.offset());
                boolean isLate = periods.isLate(account, placed.eventTime()) || record.offset() < readBefore.getOrDefault(partition, -1L);
                (isLate ? late : onTime).add(placed);
            }
        }
        // read again after a restart (a part of its period may list it), or really late: only those no digest lists yet
        Set<String> digested = late.isEmpty() ? Set.of() : store.digested(late.stream().map(p -> p.entry().eventID()).collect(Collectors.toSet()));
        onTime.forEach(p -> p.addTo(periods));
        late.stream().filter(p -> !digested.contains(p.entry().eventID())).forEach(p -> p.addTo(periods));
        newest.forEach((partition, time) -> newestSeen.merge(partition, time, (a, b) -> a.isAfter(b) ? a : b));
    }

    /** Back to the first of these records on each partition, so that the next poll reads them again. */
    private void readAgain(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).getFirst().offset());
        }
    }

    /** Seals what is due, for at most {@link #SEALING_SLICE} at a time: many accounts due at once do not stop the reading. */
    private void sealDue() throws IOException {
        Instant watermark = watermark();
        long sliceEnd = System.nanoTime() + SEALING_SLICE.toNanos();
        Optional<Digest> due;
        while (System.nanoTime() < sliceEnd
                && (due = periods.nextDue(watermark, settle, signer.fingerprint(), clock.instant())).isPresent()) {
            Digest signed = signer.sign(due.get());
            if (!stillHeld()) {
                return;   // the loop stands by before sealing anything else
            }
            if (!store.append(signed)) {
                throw new ChainMovedOn("the digest of account " + signed.accountId() + " for " + signed.periodStart()
                        + " was not stored: another digest follows the same previous one");
            }
            periods.sealed(signed);
        }
    }

    /** Whether the lease is still held under the term this digester took over with. */
    private boolean stillHeld() {
        return activeTerm != 0 && lease.heldTerm() == activeTerm;
    }

    /** Another digester stored a digest where this one was to store its own: its memory no longer matches the chain. */
    private static final class ChainMovedOn extends RuntimeException {

        ChainMovedOn(String message) {
            super(message);
        }
    }

    /** The time before which every record has been read: now when every partition is caught up. */
    private Instant watermark() {
        Instant watermark = clock.instant();
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isEmpty() || lag.getAsLong() > 0) {
                Instant seen = newestSeen.getOrDefault(partition, Instant.MIN);
                watermark = seen.isBefore(watermark) ? seen : watermark;
            }
        }
        return watermark;
    }

    private void commitIfDue() {
        Instant now = clock.instant();
        if (Duration.between(lastCommit, now).compareTo(COMMIT_EVERY) < 0 || !stillHeld()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            long position = consumer.position(partition);
            offsets.put(partition, new OffsetAndMetadata(periods.committable(partition.partition(), position), Long.toString(position)));
        }
        consumer.commitSync(offsets);
        lastCommit = now;
    }

    /** A record on its way into a period. */
    private record Placed(String account, Entry entry, Instant eventTime, int partition, long offset) {

        void addTo(OpenPeriods periods) {
            periods.add(account, entry, eventTime, partition, offset);
        }
    }

    /** Stops sealing, then releases the lease, so that a standby takes over at its next look. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
        lease.close();
    }
}
