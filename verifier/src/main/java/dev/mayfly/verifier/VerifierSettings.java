package dev.mayfly.verifier;

import dev.mayfly.kafka.KafkaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * How a verifier is set up.
 *
 * @param kafka the brokers that carry mayfly.policies and mayfly.revocations, and how to authenticate to them
 *                       ({@link KafkaCluster#from} reads the same MAYFLY_KAFKA_* settings as the services)
 * @param tokenKeysFile  the issuer's session token key ring (a copy readable by the resource server); read again when it
 *                       changes, so that rotations reach the verifier
 * @param signingNames   the service names requests must be signed for (the credential scope's service: "s3", ...)
 * @param maxFeedAge     how old the feeds may be before session credentials are refused
 * @param failClosed     whether stale feeds refuse session credentials (the default); false keeps deciding with what the
 *                       verifier has, which a revocation made meanwhile may be missing from
 */
public record VerifierSettings(KafkaCluster kafka, Path tokenKeysFile, Set<String> signingNames, Duration maxFeedAge,
                               boolean failClosed) {

    /** Fail closed beyond the bound. */
    public VerifierSettings(KafkaCluster kafka, Path tokenKeysFile, Set<String> signingNames, Duration maxFeedAge) {
        this(kafka, tokenKeysFile, signingNames, maxFeedAge, true);
    }
}
