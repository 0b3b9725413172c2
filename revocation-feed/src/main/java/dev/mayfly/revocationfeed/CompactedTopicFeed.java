package dev.mayfly.revocationfeed;

import dev.mayfly.contract.Json;
import dev.mayfly.contract.RevocationFeedState;
import dev.mayfly.contract.RevocationRule;
import dev.mayfly.contract.Topics;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.kafka.signed.NewestPerKey;
import dev.mayfly.kafka.signed.RecordVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a compacted topic from its beginning and follows it, handing each record (a value, or a tombstone: null) to
 * whoever keeps the state; mayfly.revocations into a {@link RevocationIndex}
 * ({@link #revocations(KafkaCluster, RevocationIndex, RecordVerifier)}), mayfly.policies into a verifier's policies. No
 * consumer group: every process needs every record, so each reads all partitions itself.
 *
 * <p>Only records signed by a producer of the topic are handed on, and of those only the newest per key: an old record
 * published again (an earlier state of a rule or a snapshot) is refused like a forged one. A signed record that cannot be
 * applied (a value that is no rule) is set aside, and the records after it are applied: one record never
 * stops the feed for every account. Refused records never reach the state; the {@link RecordVerifier} counts and
 * reports them.
 *
 * <p>The revocation feed also checks its own continuity ({@link FeedContinuity}): while the topic looks emptied,
 * re-created or rolled back, the feed is not fresh, whatever Kafka answers. Should the topic's offsets go backwards (it
 * was re-created or truncated), the feed reads it again from its start.
 */
public final class CompactedTopicFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicFeed.class);
    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final RecordVerifier verifier;
    private final NewestPerKey newest = new NewestPerKey();
    private final BiConsumer<String, byte[]> apply;
    private final Optional<FeedContinuity> continuity;
    /** Where the feed had read each partition up to: a position below it means the topic went backwards. */
    private final Map<TopicPartition, Long> readUpTo = new HashMap<>();
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    /** How often the feed asks the broker for the topic's end, to prove it is not missing anything. */
    private static final Duration FRESHNESS_CHECK = Duration.ofSeconds(1);
    private volatile Instant freshAsOf = Instant.EPOCH;
    private volatile boolean running = true;

    private CompactedTopicFeed(KafkaCluster kafka, String topic, RecordVerifier verifier, BiConsumer<String, byte[]> apply,
                               Optional<FeedContinuity> continuity) {
        // a compacted topic is a state: after a reset (the topic re-created) it is read again from its start, not its end
        this.consumer = kafka.consumer(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.verifier = verifier;
        this.apply = apply;
        this.continuity = continuity;
        this.thread = Thread.ofPlatform().name(topic + "-feed").daemon().unstarted(this::run);
    }

    /**
     * Starts following the rules; {@link #awaitCaughtUp} tells when every rule that existed at start is in the index. Its
     * continuity is remembered in memory only.
     *
     * @param verifier holds the revocation service's public keys
     */
    public static CompactedTopicFeed revocations(KafkaCluster kafka, RevocationIndex index, RecordVerifier verifier) {
        return revocations(kafka, index, verifier, FeedContinuity.inMemory(index::size));
    }

    /**
     * Starts following the rules, checking the feed's continuity with this judge (made with the index's size).
     *
     * @param verifier holds the revocation service's public keys
     */
    public static CompactedTopicFeed revocations(KafkaCluster kafka, RevocationIndex index, RecordVerifier verifier,
                                                 FeedContinuity continuity) {
        return revocations(kafka, Topics.REVOCATIONS, index, verifier, continuity);
    }

    /** As {@link #revocations(KafkaCluster, RevocationIndex, RecordVerifier, FeedContinuity)}, from a topic of the test's own. */
    static CompactedTopicFeed revocations(KafkaCluster kafka, String topic, RevocationIndex index, RecordVerifier verifier,
                                          FeedContinuity continuity) {
        return start(new CompactedTopicFeed(kafka, topic, verifier, (ruleId, value) -> {
            if (RevocationFeedState.KEY.equals(ruleId)) {
                readState(continuity, value);
                return;
            }
            if (value == null) {
                index.remove(ruleId);
                return;
            }
            RevocationRule rule;
            try {
                rule = Json.mapper().readValue(value, RevocationRule.class);
            } catch (IOException e) {
                throw new UncheckedIOException("an unreadable revocation rule", e);
            }
            // under another key, its key's tombstone would never remove it
            if (rule == null || !ruleId.equals(rule.ruleId())) {
                throw new IllegalArgumentException("a record of key " + ruleId + " that is not that rule");
            }
            index.put(rule);
        }, Optional.of(continuity)));
    }

    private static void readState(FeedContinuity continuity, byte[] value) {
        if (value == null) {
            return;
        }
        try {
            continuity.read(Json.mapper().readValue(value, RevocationFeedState.class));
        } catch (IOException e) {
            throw new UncheckedIOException("an unreadable revocation feed state", e);
        }
    }

    /**
     * Starts following a compacted topic.
     *
     * @param verifier holds the public keys of the services that produce the topic
     * @param apply    takes each signed record's key and value (null for a tombstone), in order per key
     */
    public static CompactedTopicFeed follow(KafkaCluster kafka, String topic, RecordVerifier verifier, BiConsumer<String, byte[]> apply) {
        return start(new CompactedTopicFeed(kafka, topic, verifier, apply, Optional.empty()));
    }

    private static CompactedTopicFeed start(CompactedTopicFeed feed) {
        feed.thread.start();
        return feed;
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The index holds every rule published before this instant: the last time the broker answered with the topic's end
     * offsets and the feed had read up to them. A feed that cannot reach Kafka does not move it forward, so its age is
     * how stale the index may be. While the feed's continuity is broken, the start of time: nothing is known fresh.
     */
    public Instant freshAsOf() {
        return continuity.flatMap(FeedContinuity::broken).isPresent() ? Instant.EPOCH : freshAsOf;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant startAsked = Instant.now();
            Map<TopicPartition, Long> startEnd = consumer.endOffsets(partitions);
            Instant nextCheck = Instant.EPOCH;
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    applyIfSigned(record);
                }
                noticeRewind(partitions);
                if (caughtUp.getCount() > 0 && startEnd.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    // the index now holds every rule published before the broker told where the topic ended
                    freshAsOf = startAsked;
                    continuity.ifPresent(FeedContinuity::caughtUp);
                    caughtUp.countDown();
                    LOG.info("{} read up to its end at start", topic);
                }
                if (Instant.now().isAfter(nextCheck)) {
                    checkFreshness(partitions);
                    nextCheck = Instant.now().plus(FRESHNESS_CHECK);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("the feed of {} stopped", topic, e);
        } finally {
            consumer.close();
        }
    }

    private void applyIfSigned(ConsumerRecord<String, byte[]> record) {
        OptionalLong signedAt = verifier.verify(record);
        if (signedAt.isEmpty()) {
            return;
        }
        // only signed records reach the guard, so what it remembers is bounded by the keys the producers wrote
        if (!newest.admits(record.key(), signedAt.getAsLong())) {
            verifier.refuseReplayed(record);
            return;
        }
        try {
            apply.accept(record.key(), record.value());
        } catch (RuntimeException e) {
            LOG.debug("{}-{}@{} not applied: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            verifier.refuseUnusable(record);
        }
    }

    /** Moves {@link #freshAsOf} to when the broker was asked, if the feed has read everything the broker had then. */
    private void checkFreshness(List<TopicPartition> partitions) {
        Instant asked = Instant.now();
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(2));
            if (ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                freshAsOf = asked;
                continuity.ifPresent(FeedContinuity::caughtUp);
            }
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // the broker did not answer, or the topic is gone for now: the index grows staler, which health, metrics and
            // the fail-closed check see
            LOG.debug("{} end offsets not known now: {}", topic, e.getMessage());
        }
    }

    /**
     * The consumer reset a partition's position below what it had read: the topic was re-created (or truncated), and what
     * the feed holds may no longer be on it.
     */
    private void noticeRewind(List<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            long position;
            try {
                position = consumer.position(partition, Duration.ofMillis(200));
            } catch (WakeupException e) {
                throw e;
            } catch (KafkaException e) {
                continue;
            }
            Long before = readUpTo.put(partition, position);
            if (before != null && position < before) {
                LOG.warn("{}-{} went back from offset {} to {}: the topic was re-created or truncated", topic,
                        partition.partition(), before, position);
                continuity.ifPresent(FeedContinuity::rewound);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5000);
    }
}
