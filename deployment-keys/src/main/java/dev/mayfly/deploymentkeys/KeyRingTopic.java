package dev.mayfly.deploymentkeys;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mayfly.contract.Topics;
import dev.mayfly.kafka.KafkaCluster;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployment's key rings on mayfly.keys: read from the topic's start, then followed, so that a ring written by any
 * process (a rotation through one issuer, ./mayfly keys init) reaches every process within a second or two; and written,
 * one whole ring a record. No consumer group: every process needs every ring.
 *
 * <p>A record is taken only if it opens with this process's key-encryption key under its own ring's name (AES-GCM
 * authenticates both), and only if its generation is not below the one held: an older ring published again (by whoever
 * can write to Kafka but holds no KEK) is refused, so keys never go back. Two rings of the same generation (two
 * rotations at the same moment) are taken in the topic's order, the later one winning in every process alike, as
 * compaction keeps it.
 */
public final class KeyRingTopic implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRingTopic.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaCluster kafka;
    private final String topic;
    private final KeyEncryptionKey kek;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, StoredRing> rings = new ConcurrentHashMap<>();
    private final Map<String, String> unreadable = new ConcurrentHashMap<>();
    private final List<Consumer<StoredRing>> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Object applied = new Object();
    private final Thread thread;
    private Producer<String, byte[]> producer;
    private volatile boolean running = true;

    private KeyRingTopic(KafkaCluster kafka, String topic, KeyEncryptionKey kek) {
        this.kafka = kafka;
        this.topic = topic;
        this.kek = kek;
        this.consumer = kafka.consumer(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100"),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = Thread.ofPlatform().name(topic + "-follower").daemon().unstarted(this::run);
    }

    /** Starts reading mayfly.keys; {@link #awaitCaughtUp} tells when every ring written before is held. */
    public static KeyRingTopic follow(KafkaCluster kafka, KeyEncryptionKey kek) {
        return follow(kafka, Topics.KEYS, kek);
    }

    /** As {@link #follow(KafkaCluster, KeyEncryptionKey)}, on a topic of the caller's own (tests). */
    public static KeyRingTopic follow(KafkaCluster kafka, String topic, KeyEncryptionKey kek) {
        KeyRingTopic rings = new KeyRingTopic(kafka, topic, kek);
        rings.thread.start();
        return rings;
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The ring of that name as this process holds it now. */
    public Optional<StoredRing> ring(String name) {
        return Optional.ofNullable(rings.get(name));
    }

    /** Every ring held, by name. */
    public Map<String, StoredRing> rings() {
        return new TreeMap<>(rings);
    }

    /** Why the topic's newest record of that ring could not be taken (another KEK sealed it, say); never a key. */
    public Optional<String> unreadable(String name) {
        return Optional.ofNullable(unreadable.get(name));
    }

    /** The ring with this process's KEK named: what a service says when a ring it needs is missing. */
    public String missing(String name) {
        return "the key ring " + name + " is not on " + topic + unreadable(name).map(why -> " in a form this process can read ("
                + why + ")").orElse("") + ": run ./mayfly keys init once for the deployment (every process must hold the same"
                + " key-encryption key, here " + kek.id() + "); no process makes keys of its own";
    }

    /** Called, on the follower's thread, with each ring taken after this call: the rotations of any process. */
    public void onChange(Consumer<StoredRing> listener) {
        listeners.add(listener);
    }

    /**
     * Writes the ring, whole, and waits until this process follows it back (or a later generation of it): the ring the
     * caller then uses is the one every process switches to.
     *
     * @return the ring as this process now holds it
     */
    public StoredRing publish(StoredRing ring, Duration timeout) throws IOException, InterruptedException {
        byte[] sealed = kek.seal(ring.name(), JSON.writeValueAsBytes(ring));
        try {
            producer().send(new ProducerRecord<>(topic, ring.name(), sealed)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the key ring " + ring.name() + " could not be written to " + topic + " at " + kafka, e);
        }
        Instant deadline = Instant.now().plus(timeout);
        synchronized (applied) {
            while (ring(ring.name()).map(StoredRing::generation).orElse(0L) < ring.generation()) {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    throw new IOException("the key ring " + ring.name() + " was written to " + topic
                            + " but not read back within " + timeout.toSeconds() + " s");
                }
                applied.wait(left);
            }
        }
        return rings.get(ring.name());
    }

    private synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = kafka.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                    ProducerConfig.CLIENT_ID_CONFIG, "mayfly-keys", ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000",
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000", ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000"),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> startEnd = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    take(record);
                }
                if (caughtUp.getCount() > 0 && startEnd.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    LOG.info("{} read up to its end: rings {}", topic, rings().values());
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("following {} stopped: key rotations no longer reach this process", topic, e);
        } finally {
            consumer.close();
        }
    }

    /** The topic's partitions, once it exists (services create it at start; keys init before writing). */
    private List<TopicPartition> partitions() {
        while (running) {
            try {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                if (!partitions.isEmpty()) {
                    return partitions;
                }
            } catch (WakeupException e) {
                throw e;
            } catch (KafkaException e) {
                LOG.debug("{} not known yet: {}", topic, e.getMessage());
            }
            LOG.warn("{} does not exist yet: waiting for it", topic);
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WakeupException();
            }
        }
        throw new WakeupException();
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        String name = record.key();
        if (name == null || record.value() == null) {
            LOG.warn("{} offset {}: a record without a ring name or value, ignored (rings are replaced, never deleted)",
                    topic, record.offset());
            return;
        }
        StoredRing ring;
        try {
            ring = JSON.readValue(kek.open(name, record.value()), StoredRing.class);
            if (!ring.name().equals(name)) {
                throw new IllegalArgumentException("it names another ring");
            }
        } catch (IllegalArgumentException | IOException e) {
            // the message names rings and key-encryption key ids only, never key material
            unreadable.put(name, e instanceof IOException ? "not a ring" : e.getMessage());
            LOG.error("{} offset {}: the ring {} is refused: {}", topic, record.offset(), name, unreadable.get(name));
            return;
        }
        StoredRing held = rings.get(name);
        if (held != null && ring.generation() < held.generation()) {
            LOG.warn("{} offset {}: an older generation ({}) of the ring {} was published again: refused, {} is kept", topic,
                    record.offset(), ring.generation(), name, held.generation());
            return;
        }
        unreadable.remove(name);
        if (held != null) {
            LOG.info("key ring {} changed: {} is current", name, ring);
        }
        // in use first, then held: whoever published it and waits in publish() finds it in use when it wakes
        for (Consumer<StoredRing> listener : listeners) {
            try {
                listener.accept(ring);
            } catch (RuntimeException e) {
                LOG.error("the key ring {} could not be put in use: {}", ring, e.getClass().getSimpleName());
            }
        }
        synchronized (applied) {
            rings.put(name, ring);
            applied.notifyAll();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5000);
        synchronized (this) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
        }
    }
}
