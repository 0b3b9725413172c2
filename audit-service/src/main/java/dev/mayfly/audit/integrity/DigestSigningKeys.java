package dev.mayfly.audit.integrity;

import dev.mayfly.deploymentkeys.DeploymentRing;
import dev.mayfly.deploymentkeys.KeyEncryptionKeySource;
import dev.mayfly.deploymentkeys.ServiceSigningRing;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.signing.PublishedKeyRing;
import dev.mayfly.signing.SigningKeyRing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The key that signs digests and the history of those that did, from one place: with a key-encryption key, the
 * deployment's audit-digest-signing ring on mayfly.keys (made by ./mayfly keys init, the same key in every audit process,
 * so that whichever holds the digester lease seals the one chain with it; a rotated ring is followed); without, this
 * process's own key file and the history beside it (a single process).
 */
public final class DigestSigningKeys implements AutoCloseable {

    private final DigestSigner signer;
    private final Optional<ServiceSigningRing> ring;
    private final Path earlierHistory;
    private volatile SigningKeyHistory history;

    private DigestSigningKeys(DigestSigner signer, SigningKeyHistory history, Optional<ServiceSigningRing> ring, Path earlierHistory) {
        this.signer = signer;
        this.history = history;
        this.ring = ring;
        this.earlierHistory = earlierHistory;
    }

    /**
     * @param keyFile MAYFLY_AUDIT_SIGNING_KEY: the key without a key-encryption key; with one, its history file of before
     *                mayfly.keys is still read, and the ring's public keys are written beside it ({@code
     *                audit-digest-signing.pub})
     * @throws IllegalStateException with a key-encryption key, when the ring is missing (naming ./mayfly keys init)
     */
    public static DigestSigningKeys open(KeyEncryptionKeySource kek, KafkaCluster kafka, Path keyFile, Clock clock) throws IOException {
        Path historyFile = SigningKeyHistory.fileBeside(keyFile);
        if (!kek.configured()) {
            DigestSigner signer = DigestSigner.fromFile(keyFile);
            return new DigestSigningKeys(signer, SigningKeyHistory.open(historyFile, signer,
                    Files.getLastModifiedTime(keyFile).toInstant(), clock.instant()), Optional.empty(), historyFile);
        }
        // the private file is never used with a key-encryption key: the ring stays on the topic
        ServiceSigningRing ring = ServiceSigningRing.open(kek, kafka, DeploymentRing.AUDIT_DIGEST_SIGNING,
                new PublishedKeyRing(keyFile, keyFile.resolveSibling(DeploymentRing.AUDIT_DIGEST_SIGNING.ringName() + ".pub")),
                clock.instant());
        try {
            DigestSigningKeys keys = new DigestSigningKeys(DigestSigner.fromRing(ring.current()),
                    SigningKeyHistory.ofRing(ring.current(), historyFile), Optional.of(ring), historyFile);
            ring.whenChanged(keys::use);
            return keys;
        } catch (IOException | RuntimeException e) {
            ring.close();
            throw e;
        }
    }

    private void use(SigningKeyRing current) {
        try {
            // the history first: a digest signed by the new key is never listed before its key is
            history = SigningKeyHistory.ofRing(current, earlierHistory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        signer.use(current);
    }

    public DigestSigner signer() {
        return signer;
    }

    /** Every key that signed digests, as of now: what ListPublicKeys answers. */
    public SigningKeyHistory history() {
        return history;
    }

    @Override
    public void close() {
        ring.ifPresent(ServiceSigningRing::close);
    }
}
