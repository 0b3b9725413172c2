package dev.mayfly.audit.integrity;

import dev.mayfly.audit.integrity.Digest.Entry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The digester's memory: per account, where its chain stands (the next period to seal, its next part, and the last
 * signature) and the records not sealed yet. No I/O: {@link Digester} feeds it records and asks it what is due.
 */
final class OpenPeriods {

    private final Duration period;
    private final Map<String, Chain> chains = new HashMap<>();
    private final Map<Integer, TreeMap<Long, Integer>> pendingOffsets = new HashMap<>();

    OpenPeriods(Duration period) {
        this.period = period;
    }

    /** Where an account's chain goes on, from its latest stored digest. */
    void resume(Digest latest) {
        chains.computeIfAbsent(latest.accountId(), account -> new Chain()).after(latest);
    }

    /** The period a record of this time belongs to, aligned on the epoch. */
    Instant periodOf(Instant eventTime) {
        long millis = period.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(eventTime.toEpochMilli(), millis) * millis);
    }

    /** Whether the record's own period was sealed already, so that it can only go into a later digest. */
    boolean isLate(String accountId, Instant eventTime) {
        Chain chain = chains.get(accountId);
        return chain != null && chain.nextStart != null && periodOf(eventTime).isBefore(chain.nextStart);
    }

    /**
     * Adds a record to its period, or, if that one is sealed, to the account's next one.
     *
     * @param partition the mayfly.events partition it was read from
     * @param offset    its offset there: until the record is sealed, the digester's committed offset stays at or before it
     */
    void add(String accountId, Entry entry, Instant eventTime, int partition, long offset) {
        Chain chain = chains.computeIfAbsent(accountId, account -> new Chain());
        Instant start = periodOf(eventTime);
        if (chain.nextStart != null && start.isBefore(chain.nextStart)) {
            start = chain.nextStart;
        }
        Map<String, Pending> records = chain.open.computeIfAbsent(start, s -> new LinkedHashMap<>());
        if (records.putIfAbsent(entry.eventID(), new Pending(entry, partition, offset)) == null) {
            pendingOffsets.computeIfAbsent(partition, p -> new TreeMap<>()).merge(offset, 1, Integer::sum);
        }
    }

    /**
     * The next digest due (unsigned), when everything that happened before {@code watermark} has been read: a full part
     * of an account's oldest unsealed period, or that period's last part once it ended at least {@code settle} before
     * the watermark (an empty one included).
     */
    Optional<Digest> nextDue(Instant watermark, Duration settle, String keyFingerprint, Instant now) {
        for (Map.Entry<String, Chain> account : chains.entrySet()) {
            Chain chain = account.getValue();
            Instant start = chain.nextStart != null ? chain.nextStart : chain.open.isEmpty() ? null : chain.open.firstKey();
            if (start == null) {
                continue;
            }
            Map<String, Pending> records = chain.open.getOrDefault(start, Map.of());
            boolean ended = !start.plus(period).plus(settle).isAfter(watermark);
            if (ended || records.size() >= Digest.MAX_RECORDS) {
                List<Entry> entries = new ArrayList<>(records.values().stream().limit(Digest.MAX_RECORDS).map(Pending::entry).toList());
                entries.sort(Comparator.comparing(Entry::eventTime).thenComparing(Entry::eventID));
                boolean last = ended && records.size() <= Digest.MAX_RECORDS;
                Instant end = records.isEmpty() && chain.nextPart == 0 ? endOfIdleSpan(chain, start, watermark, settle) : start.plus(period);
                return Optional.of(new Digest(account.getKey(), start, end, chain.nextPart, last, entries,
                        chain.lastSignature, keyFingerprint, DigestSigner.ALGORITHM, now, null));
            }
        }
        return Optional.empty();
    }

    /**
     * Where one digest of an idle account ends: every period from {@code start} that has ended and holds no record. One
     * digest says "nothing from start to end" as well as one per period would, and keeps the work of catching up after
     * the digester was away (or of resuming chains idle for long) to one digest per account instead of one per period.
     */
    private Instant endOfIdleSpan(Chain chain, Instant start, Instant watermark, Duration settle) {
        Instant end = start.plus(period);
        Instant settled = periodOf(watermark.minus(settle));   // the last period boundary that is settled
        if (settled.isAfter(end)) {
            end = settled;
        }
        Instant withRecords = chain.open.higherKey(start);   // the span stops where records wait
        if (withRecords != null && withRecords.isBefore(end)) {
            end = withRecords.isAfter(start.plus(period)) ? withRecords : start.plus(period);
        }
        return end;
    }

    /** Records that a digest was signed and stored: its records leave memory, and the chain moves on past it. */
    void sealed(Digest digest) {
        Chain chain = chains.get(digest.accountId());
        Map<String, Pending> records = chain.open.getOrDefault(digest.periodStart(), Map.of());
        for (Entry entry : digest.records()) {
            Pending pending = records.remove(entry.eventID());
            if (pending != null) {
                TreeMap<Long, Integer> offsets = pendingOffsets.get(pending.partition());
                offsets.computeIfPresent(pending.offset(), (offset, count) -> count == 1 ? null : count - 1);
            }
        }
        if (digest.last()) {
            chain.open.remove(digest.periodStart());
        }
        chain.after(digest);
    }

    /**
     * The offset to commit for a partition read up to {@code position}: the oldest record not sealed yet, so that after
     * a restart it is read again.
     */
    long committable(int partition, long position) {
        TreeMap<Long, Integer> offsets = pendingOffsets.get(partition);
        return offsets == null || offsets.isEmpty() ? position : Math.min(position, offsets.firstKey());
    }

    private record Pending(Entry entry, int partition, long offset) {
    }

    private static final class Chain {
        private Instant nextStart;
        private int nextPart;
        private String lastSignature;
        private final TreeMap<Instant, Map<String, Pending>> open = new TreeMap<>();

        /** Goes on after this digest: its period's next part, or the next period's first. */
        void after(Digest digest) {
            nextStart = digest.last() ? digest.periodEnd() : digest.periodStart();
            nextPart = digest.last() ? 0 : digest.part() + 1;
            lastSignature = digest.signature();
        }
    }
}
