package dev.mayfly.deploymentkeys;

import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.signing.PublishedKeyRing;
import dev.mayfly.signing.SigningKeyRing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's own Ed25519 signing ring (the revocation service's, the audit service's feed ring): from mayfly.keys when
 * the service is given a key-encryption key, followed there so that a replaced ring is in use within seconds; else from
 * the service's own file, made at its first start. Either way its public half is written to the file its verifiers watch,
 * again whenever the ring changes. With a key-encryption key, a missing ring stops the start: rings are made by ./mayfly
 * keys init, never by a service.
 */
public final class ServiceSigningRing implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceSigningRing.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    private final Optional<KeyRingTopic> topic;
    private final PublishedKeyRing files;
    private volatile SigningKeyRing current;
    private volatile Consumer<SigningKeyRing> users = ring -> { };

    private ServiceSigningRing(Optional<KeyRingTopic> topic, PublishedKeyRing files, SigningKeyRing current) {
        this.topic = topic;
        this.files = files;
        this.current = current;
    }

    /**
     * @param kek   where the service's key-encryption key is; when none is configured, the ring is the service's own file
     * @param ring  which of the deployment's rings is the service's
     * @param files the service's private key file (used without a key-encryption key only) and its public file (always)
     */
    public static ServiceSigningRing open(KeyEncryptionKeySource kek, KafkaCluster kafka, DeploymentRing ring, PublishedKeyRing files,
                                          Instant now) throws IOException {
        if (!kek.configured()) {
            LOG.warn("no key-encryption key ({}): the {} ring is this process's own file {}, which no other process shares;"
                    + " run ./mayfly keys init for one set of keys for the deployment", kek, ring.ringName(), files.keysFile());
            return new ServiceSigningRing(Optional.empty(), files, files.loadOrCreate(now));
        }
        KeyRingTopic topic = KeyRingTopic.follow(kafka, kek.load());
        try {
            if (!topic.awaitCaughtUp(CATCH_UP)) {
                throw new IllegalStateException("the key rings on mayfly.keys were not read within " + CATCH_UP.toSeconds()
                        + " s: is Kafka at " + kafka + " reachable?");
            }
            StoredRing stored = topic.ring(ring.ringName()).orElseThrow(() -> new IllegalStateException(topic.missing(ring.ringName())));
            ServiceSigningRing signing = new ServiceSigningRing(Optional.of(topic), files, files.published(SigningKeyRing.parse(stored.keys())));
            topic.onChange(changed -> {
                if (changed.name().equals(ring.ringName())) {
                    signing.changed(changed);
                }
            });
            LOG.info("the {} ring from mayfly.keys: {} signs", ring.ringName(), signing.current.currentKeyId());
            return signing;
        } catch (IOException | RuntimeException e) {
            close(topic);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(topic);
            throw new IOException("interrupted while reading mayfly.keys", e);
        }
    }

    private void changed(StoredRing ring) {
        try {
            current = files.published(SigningKeyRing.parse(ring.keys()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        users.accept(current);
    }

    /** The deployment's rings on mayfly.keys, followed, when this service has a key-encryption key. */
    public Optional<KeyRingTopic> topic() {
        return topic;
    }

    /** The ring that signs now. */
    public SigningKeyRing current() {
        return current;
    }

    /** Hands each ring that becomes current to its user (a record signer), and the current one at once. */
    public synchronized void whenChanged(Consumer<SigningKeyRing> use) {
        this.users = use;
        use.accept(current);
    }

    @Override
    public void close() {
        topic.ifPresent(ServiceSigningRing::close);
    }

    private static void close(KeyRingTopic topic) {
        try {
            topic.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
