package dev.mayfly.audit.detection;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the detections remember between records, bounded: at most {@link #MAX_ACCOUNTS} accounts, and in each at most
 * {@link #MAX_PRINCIPALS} principals with refusals in their window and {@link #MAX_PAIRS} principal-and-address pairs
 * seen, the least recently used forgotten first. A tenant who makes up principals or addresses only pushes out its own
 * oldest; what is forgotten costs at most a finding missed (a burst split by an eviction) or one asked of
 * Elasticsearch again (a pair). Read and written by the detections' one thread only.
 */
final class AccountWindows {

    static final int MAX_ACCOUNTS = 10_000;
    static final int MAX_PRINCIPALS = 1_000;
    static final int MAX_PAIRS = 10_000;

    private final Map<String, Account> accounts = lru(MAX_ACCOUNTS);

    Account of(String accountId) {
        return accounts.computeIfAbsent(accountId, id -> new Account());
    }

    int accounts() {
        return accounts.size();
    }

    /** A refused call: when, and its record's eventID. */
    record Refusal(long atMillis, String eventId) {
    }

    static final class Account {

        private final Map<String, Deque<Refusal>> refusals = lru(MAX_PRINCIPALS);
        /** Each pair, with the eventID of the record it was first seen in. */
        private final Map<String, String> pairs = lru(MAX_PAIRS);

        /**
         * Counts a refusal of a principal. When it is the threshold-th within the window, the refusals of that burst, and
         * the count starts over: the next burst needs as many again.
         */
        List<Refusal> refused(String principal, Refusal refusal, int threshold, long windowMillis) {
            Deque<Refusal> window = refusals.computeIfAbsent(principal, p -> new ArrayDeque<>());
            while (!window.isEmpty() && window.peekFirst().atMillis() <= refusal.atMillis() - windowMillis) {
                window.removeFirst();
            }
            if (window.stream().anyMatch(counted -> counted.eventId().equals(refusal.eventId()))) {
                return List.of(); // a batch read again
            }
            window.addLast(refusal);
            while (window.size() > threshold) {
                window.removeFirst();
            }
            if (window.size() < threshold) {
                return List.of();
            }
            List<Refusal> burst = List.copyOf(window);
            window.clear();
            return burst;
        }

        /**
         * True the first time this process sees a principal assume a role from this address (as far as it remembers), and
         * for that same record read again (a batch evaluated again after a failure).
         */
        boolean firstSight(String principal, String sourceIp, String eventId) {
            String first = pairs.putIfAbsent(principal + " " + sourceIp, eventId);
            return first == null || first.equals(eventId);
        }

        /** What {@link #firstSight} would answer, without remembering the pair. */
        boolean mayBeFirstSight(String principal, String sourceIp, String eventId) {
            String first = pairs.get(principal + " " + sourceIp);
            return first == null || first.equals(eventId);
        }

        int principalsInWindow() {
            return refusals.size();
        }

        int pairs() {
            return pairs.size();
        }
    }

    private static <V> Map<String, V> lru(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }
}
