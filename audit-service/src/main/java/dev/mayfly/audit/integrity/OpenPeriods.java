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
 * The digester's memory: per account, where its chain stands (the next period to seal and the last signature) and
 * the records of the periods not sealed yet. No I/O: {@link Digester} feeds it records and asks it what is due.
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
        Chain chain = chains.computeIfAbsent(latest.accountId(), account -> new Chain());
        chain.nextStart = latest.periodEnd();
        chain.lastSignature = latest.signature();
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
     * The next digest due (unsigned), when everything that happened before {@code watermark} has been read: the oldest
     * unsealed period of some account that ended at least {@code settle} before it, an empty one included.
     */
    Optional<Digest> nextDue(Instant watermark, Duration settle, String keyFingerprint, Instant now) {
        for (Map.Entry<String, Chain> account : chains.entrySet()) {
            Chain chain = account.getValue();
            Instant start = chain.nextStart != null ? chain.nextStart : chain.open.isEmpty() ? null : chain.open.firstKey();
            if (start != null && !start.plus(period).plus(settle).isAfter(watermark)) {
                List<Entry> entries = new ArrayList<>(Optional.ofNullable(chain.open.get(start)).orElse(Map.of()).values().stream()
                        .map(Pending::entry).toList());
                entries.sort(Comparator.comparing(Entry::eventTime).thenComparing(Entry::eventID));
                return Optional.of(new Digest(account.getKey(), start, start.plus(period), entries, chain.lastSignature, keyFingerprint,
                        DigestSigner.ALGORITHM, now, null));
            }
        }
        return Optional.empty();
    }

    /** Records that a digest was signed and stored: the chain moves on past its period. */
    void sealed(Digest digest) {
        Chain chain = chains.get(digest.accountId());
        Map<String, Pending> records = chain.open.remove(digest.periodStart());
        if (records != null) {
            for (Pending pending : records.values()) {
                TreeMap<Long, Integer> offsets = pendingOffsets.get(pending.partition());
                offsets.computeIfPresent(pending.offset(), (offset, count) -> count == 1 ? null : count - 1);
            }
        }
        chain.nextStart = digest.periodEnd();
        chain.lastSignature = digest.signature();
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
        private String lastSignature;
        private final TreeMap<Instant, Map<String, Pending>> open = new TreeMap<>();
    }
}
