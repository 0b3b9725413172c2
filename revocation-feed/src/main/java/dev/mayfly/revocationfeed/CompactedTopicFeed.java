package dev.mayfly.revocationfeed;

import dev.mayfly.contract.Json;
import dev.mayfly.contract.RevocationRule;
import dev.mayfly.contract.Topics;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.kafka.signed.NewestPerKey;
import dev.mayfly.kafka.signed.RecordVerifier;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
 * published again (an earlier state of a rule or a snapshot) is refused like a forged one. Refused records never reach
 * the state; the {@link RecordVerifier} counts and reports them.
 */
public final class CompactedTopicFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicFeed.class);
    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final RecordVerifier verifier;
    private final NewestPerKey newest = new NewestPerKey();
    private final BiConsumer<String, byte[]> apply;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    /** How often the feed asks the broker for the topic's end, to prove it is not missing anything. */
    private static final Duration FRESHNESS_CHECK = Duration.ofSeconds(1);
    private volatile Instant freshAsOf = Instant.EPOCH;
    private volatile boolean running = true;

    private CompactedTopicFeed(KafkaCluster kafka, String topic, RecordVerifier verifier, BiConsumer<String, byte[]> apply) {
        this.consumer = kafka.consumer(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50"),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.verifier = verifier;
        this.apply = apply;
        this.thread = Thread.ofPlatform().name(topic + "-feed").daemon().unstarted(this::run);
    }

    /**
     * Starts following the rules; {@link #awaitCaughtUp} tells when every rule that existed at start is in the index.
     *
     * @param verifier holds the revocation service's public keys
     */
    public static CompactedTopicFeed revocations(KafkaCluster kafka, RevocationIndex index, RecordVerifier verifier) {
        return follow(kafka, Topics.REVOCATIONS, verifier, (ruleId, value) -> {
            if (value == null) {
                index.remove(ruleId);
                return;
            }
            try {
                index.put(Json.mapper().readValue(value, RevocationRule.class));
            } catch (IOException e) {
                LOG.warn("skipping an unreadable revocation rule {}", ruleId);
            }
        });
    }

    /**
     * Starts following a compacted topic.
     *
     * @param verifier holds the public keys of the services that produce the topic
     * @param apply    takes each signed record's key and value (null for a tombstone), in order per key
     */
    public static CompactedTopicFeed follow(KafkaCluster kafka, String topic, RecordVerifier verifier, BiConsumer<String, byte[]> apply) {
        CompactedTopicFeed feed = new CompactedTopicFeed(kafka, topic, verifier, apply);
        feed.thread.start();
        return feed;
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The index holds every rule published before this instant: the last time the broker answered with the topic's end
     * offsets and the feed had read up to them. A feed that cannot reach Kafka does not move it forward, so its age is
     * how stale the index may be.
     */
    public Instant freshAsOf() {
        return freshAsOf;
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
                if (caughtUp.getCount() > 0 && startEnd.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    // the index now holds every rule published before the broker told where the topic ended
                    freshAsOf = startAsked;
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
        apply.accept(record.key(), record.value());
    }

    /** Moves {@link #freshAsOf} to when the broker was asked, if the feed has read everything the broker had then. */
    private void checkFreshness(List<TopicPartition> partitions) {
        Instant asked = Instant.now();
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(2));
            if (ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                freshAsOf = asked;
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            // the broker did not answer: the index grows staler, which health, metrics and the fail-closed check see
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5000);
    }
}
