package dev.mayfly.verifier;

import dev.mayfly.kafka.KafkaCluster;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a verifier is set up.
 *
 * @param kafka               the brokers that carry mayfly.policies and mayfly.revocations, and how to authenticate to
 *                            them ({@link KafkaCluster#from} reads the same MAYFLY_KAFKA_* settings as the services)
 * @param issuer              how the verifier asks the issuer for sessions' signing keys, with its own credential, whose
 *                            name is the service requests must be signed for ("s3", "notes", ...)
 * @param issuerPublicKeysFile a copy of the issuer's public keys for session claims ({@code keys/issuer-signing.pub}),
 *                            read again when a claim or a record names a key it lacks; not a secret, but only its owner
 *                            may write it
 * @param maxFeedAge          how old the feeds may be before session credentials are refused
 * @param failClosed          whether stale feeds refuse session credentials (the default); false keeps deciding with what
 *                            the verifier has, which a revocation made meanwhile may be missing from
 * @param revocationPublicKeysFile a copy of the revocation service's public keys ({@code keys/revocation-signing.pub}),
 *                            which every record of mayfly.revocations must be signed with; the issuer's public keys are
 *                            what mayfly.policies must be signed with. Not secrets, but only their owner may write them
 */
public record VerifierSettings(KafkaCluster kafka, IssuerConnection issuer, Path issuerPublicKeysFile, Duration maxFeedAge,
                               boolean failClosed, Path revocationPublicKeysFile) {

    /** The revocation service's public keys beside the issuer's, as ./mayfly dev lays them out. */
    public VerifierSettings(KafkaCluster kafka, IssuerConnection issuer, Path issuerPublicKeysFile, Duration maxFeedAge,
                            boolean failClosed) {
        this(kafka, issuer, issuerPublicKeysFile, maxFeedAge, failClosed, issuerPublicKeysFile.resolveSibling("revocation-signing.pub"));
    }

    /** Fail closed beyond the bound. */
    public VerifierSettings(KafkaCluster kafka, IssuerConnection issuer, Path issuerPublicKeysFile, Duration maxFeedAge) {
        this(kafka, issuer, issuerPublicKeysFile, maxFeedAge, true);
    }
}
