package dev.mayfly.runtime.audit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (a source address, an account): {@code burst} tokens, refilled at {@code perSecond}. At most
 * {@code maxKeys} keys have a bucket of their own; the rest share one, so that no number of keys exhausts memory, and
 * buckets that are full again are forgotten.
 */
final class TokenBuckets {

    static final String OTHERS = "other";

    private final double perSecond;
    private final int burst;
    private final int maxKeys;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    TokenBuckets(double perSecond, int burst, int maxKeys) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.maxKeys = maxKeys;
    }

    /** Takes a token of the key's bucket; false when it has none left. */
    boolean take(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            bucket = buckets.computeIfAbsent(buckets.size() < maxKeys ? key : OTHERS, k -> new Bucket(burst, System.nanoTime()));
        }
        return bucket.take(System.nanoTime());
    }

    /** Forgets the buckets that are full again: a key that comes back starts with a full one, as it would. */
    void forgetFull() {
        long now = System.nanoTime();
        buckets.values().removeIf(bucket -> bucket.full(now));
    }

    private final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(int tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized boolean take(long now) {
            refill(now);
            if (tokens < 1) {
                return false;
            }
            tokens--;
            return true;
        }

        synchronized boolean full(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
        }
    }
}
