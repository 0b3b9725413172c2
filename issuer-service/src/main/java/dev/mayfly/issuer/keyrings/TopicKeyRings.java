package dev.mayfly.issuer.keyrings;

import dev.mayfly.deploymentkeys.DeploymentRing;
import dev.mayfly.deploymentkeys.KeyEncryptionKey;
import dev.mayfly.deploymentkeys.KeyRingTopic;
import dev.mayfly.deploymentkeys.RingRotation;
import dev.mayfly.deploymentkeys.StoredRing;
import dev.mayfly.issuer.authz.ServiceCredentials;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.signing.SigningKeyRing;
import dev.mayfly.signing.WebIdentityKeyRing;
import dev.mayfly.token.KeyRing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's rings as the deployment holds them on mayfly.keys: every issuer reads the same rings at start and follows
 * the topic, so a rotation through any issuer is in use in all of them within seconds (the rotating issuer switches only
 * once it has read its own record back, as the others do). A missing ring stops the start: rings are made by ./mayfly
 * keys init, never by an issuer.
 *
 * <p>The public half of the signing ring is written to the issuer's public-keys file whenever the ring changes, as the
 * file-based issuer does, so that verifiers that watch the file (the audit service, resource servers given a copy) keep
 * checking what any issuer signs.
 */
final class TopicKeyRings extends CurrentKeyRings {

    private static final Logger LOG = LoggerFactory.getLogger(TopicKeyRings.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    private static final Duration PUBLISH = Duration.ofSeconds(30);
    private final KeyRingTopic topic;
    private final Path signingPublicKeysFile;

    private TopicKeyRings(KeyRingTopic topic, Path signingPublicKeysFile) throws IOException {
        super(KeyRing.parse(required(topic, DeploymentRing.CREDENTIAL_VAULT).keys()),
                KeyRing.parse(required(topic, DeploymentRing.SESSION_TOKEN).keys()),
                publish(signingPublicKeysFile, SigningKeyRing.parse(required(topic, DeploymentRing.ISSUER_SIGNING).keys())),
                topic.ring(DeploymentRing.WEB_IDENTITY_SIGNING.ringName()).map(ring -> WebIdentityKeyRing.parse(ring.keys())).orElse(null),
                ServiceCredentials.ofRing(required(topic, DeploymentRing.SERVICE_CREDENTIALS).keys()));
        this.topic = topic;
        this.signingPublicKeysFile = signingPublicKeysFile;
    }

    static TopicKeyRings start(KafkaCluster kafka, KeyEncryptionKey kek, Path signingPublicKeysFile)
            throws IOException, InterruptedException {
        KeyRingTopic topic = KeyRingTopic.follow(kafka, kek);
        try {
            if (!topic.awaitCaughtUp(CATCH_UP)) {
                throw new IllegalStateException("the key rings on mayfly.keys were not read within " + CATCH_UP.toSeconds()
                        + " s: is Kafka at " + kafka + " reachable?");
            }
            TopicKeyRings rings = new TopicKeyRings(topic, signingPublicKeysFile);
            topic.onChange(rings::changed);
            LOG.info("key rings from mayfly.keys under key-encryption key {}: session-token {}, issuer-signing {}, credential-vault {},"
                    + " service-credentials {}", kek.id(), rings.sessionToken().currentKeyId(), rings.signing().currentKeyId(),
                    rings.credentialVault().currentKeyId(), rings.serviceCredentials().currentKeyId());
            if (rings.webIdentity().isEmpty()) {
                LOG.warn("GetWebIdentityToken is unavailable until the ring is made: {}", topic.missing(DeploymentRing.WEB_IDENTITY_SIGNING.ringName()));
            }
            return rings;
        } catch (IOException | RuntimeException e) {
            topic.close();
            throw e;
        }
    }

    private static StoredRing required(KeyRingTopic topic, DeploymentRing ring) {
        return topic.ring(ring.ringName()).orElseThrow(() -> new IllegalStateException(topic.missing(ring.ringName())));
    }

    /** Takes a ring any process wrote, on the topic's follower thread. */
    private void changed(StoredRing ring) {
        DeploymentRing.named(ring.name()).ifPresent(which -> {
            switch (which) {
                case SESSION_TOKEN -> useSessionToken(KeyRing.parse(ring.keys()));
                case ISSUER_SIGNING -> {
                    try {
                        useSigning(publish(signingPublicKeysFile, SigningKeyRing.parse(ring.keys())));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                case SERVICE_CREDENTIALS -> serviceCredentials().use(ring.keys());
                case WEB_IDENTITY_SIGNING -> useWebIdentity(WebIdentityKeyRing.parse(ring.keys()));
                case CREDENTIAL_VAULT -> LOG.warn("the credential-vault ring changed on mayfly.keys ({}): this issuer keeps"
                        + " sealing with {} until it restarts", ring, credentialVault().currentKeyId());
            }
        });
    }

    private static SigningKeyRing publish(Path signingPublicKeysFile, SigningKeyRing keys) throws IOException {
        PrivateFiles.write(signingPublicKeysFile, keys.publicKeys().text());
        return keys;
    }

    @Override
    public synchronized KeyRing rotate(Instant now) throws IOException {
        try {
            RingRotation.rotate(topic, DeploymentRing.SESSION_TOKEN, now, PUBLISH);
            RingRotation.rotate(topic, DeploymentRing.ISSUER_SIGNING, now, PUBLISH);
            if (webIdentity().isPresent()) {
                RingRotation.rotate(topic, DeploymentRing.WEB_IDENTITY_SIGNING, now, PUBLISH);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rotating the key rings", e);
        }
        return sessionToken();
    }

    @Override
    public Optional<KeyRingTopic> deploymentRings() {
        return Optional.of(topic);
    }

    @Override
    public void close() {
        try {
            topic.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
