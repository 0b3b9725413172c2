package dev.mayfly.kafka.signed;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replay guard of a compacted topic, where the latest record per key is the state: a signed record older than the
 * one already applied for its key is an old state published again (an earlier lift of a rule, a snapshot that granted
 * more), and is not applied. A consumer that starts from scratch has nothing to compare with: docs/security-model.md says
 * what remains.
 */
public final class NewestPerKey {

    private final Map<String, Long> newest = new ConcurrentHashMap<>();

    /** Whether a record of this key signed at this time may be applied; remembers it when so. */
    public boolean admits(String key, long signedAt) {
        // equal is admitted: the same record read twice changes nothing
        return newest.merge(key, signedAt, Math::max) == signedAt;
    }
}
