package dev.mayfly.revocationfeed;

import dev.mayfly.contract.Json;
import dev.mayfly.contract.RevocationRule;
import dev.mayfly.contract.Topics;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * Reads mayfly.revocations from its beginning into a {@link RevocationIndex} and follows it. No consumer
 * group: every process needs every rule, so each reads all partitions itself.
 */
public final class RevocationFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RevocationFeed.class);
    private final KafkaConsumer<String, byte[]> consumer;
    private final RevocationIndex index;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile Instant lastPoll = Instant.EPOCH;
    private volatile boolean running = true;

    private RevocationFeed(String bootstrapServers, RevocationIndex index) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.index = index;
        this.thread = Thread.ofPlatform().name("revocation-feed").daemon().unstarted(this::run);
    }

    /** Starts following the topic; {@link #awaitCaughtUp} tells when every rule that existed at start is in the index. */
    public static RevocationFeed start(String bootstrapServers, RevocationIndex index) {
        RevocationFeed feed = new RevocationFeed(bootstrapServers, index);
        feed.thread.start();
        return feed;
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** When the feed last heard from Kafka: how stale the index may be. */
    public Instant lastPoll() {
        return lastPoll;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.REVOCATIONS, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> startEnd = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
                lastPoll = Instant.now();
                if (caughtUp.getCount() > 0 && startEnd.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                    LOG.info("revocation index ready with {} rule(s)", index.size());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("revocation feed stopped", e);
        } finally {
            consumer.close();
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            index.remove(record.key());
            return;
        }
        try {
            index.put(Json.mapper().readValue(record.value(), RevocationRule.class));
        } catch (IOException e) {
            LOG.warn("skipping an unreadable revocation rule at offset {} of {}", record.offset(), record.topic());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5000);
    }
}
