package dev.mayfly.revocation;

import dev.mayfly.contract.Topics;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.kafka.signed.RecordVerifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * Follows mayfly.revocations from where it ended at start, so that a rule created through this process is known to be
 * published once it is on the topic, whichever revocation service's publisher sent it: one standing by publishes
 * nothing, and Kafka's acknowledgement reaches only the process that sent. Only records signed by the revocation
 * service count.
 */
final class PublishedRules implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PublishedRules.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final RecordVerifier verifier;
    private final RulePublication publication;
    private final Thread thread;
    private volatile boolean running = true;

    private PublishedRules(KafkaConsumer<String, byte[]> consumer, RecordVerifier verifier, RulePublication publication) {
        this.consumer = consumer;
        this.verifier = verifier;
        this.publication = publication;
        this.thread = Thread.ofPlatform().daemon().name("revocations-published").unstarted(this::run);
    }

    /** Positioned at the topic's end before it returns: every rule created afterwards is seen. */
    static PublishedRules follow(KafkaCluster kafka, RecordVerifier verifier, RulePublication publication) {
        KafkaConsumer<String, byte[]> consumer = kafka.consumer(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.REVOCATIONS).stream()
                .map(partition -> new TopicPartition(partition.topic(), partition.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        PublishedRules published = new PublishedRules(consumer, verifier, publication);
        published.thread.start();
        return published;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && record.value() != null && verifier.verify(record).isPresent()) {
                        publication.onTopic(record.key());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.warn("mayfly.revocations is no longer followed ({}): rules created here are answered as pending until they are"
                    + " acknowledged to this process", e.getMessage());
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
