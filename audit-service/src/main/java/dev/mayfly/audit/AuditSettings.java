package dev.mayfly.audit;

import dev.mayfly.audit.projection.AuditIndices.Period;
import dev.mayfly.audit.projection.ElasticsearchConnection;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.runtime.Settings;
import dev.mayfly.runtime.audit.CallLimits;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The audit service's settings, each from an environment variable (defaults are ./mayfly dev's): MAYFLY_AUDIT_HOST,
 * MAYFLY_AUDIT_PORT, the Kafka settings of {@link dev.mayfly.kafka.KafkaCluster#from}, the Elasticsearch settings of
 * {@link ElasticsearchConnection#from} (MAYFLY_ELASTICSEARCH_URL, ...), MAYFLY_ISSUER_URL, MAYFLY_AUDIT_CONSUMER_GROUP, and
 * those of {@link Storage} and {@link Integrity}, and the request limits of {@link CallLimits.Limits#from}
 * (MAYFLY_UNAUTHENTICATED_PER_SECOND, ...), and MAYFLY_AUDIT_SERVICE_CREDENTIAL_FILE: the service's own credential for the
 * issuer's POST /mayfly/authorize (./mayfly service-credential audit writes it).
 *
 * @param consumerGroup MAYFLY_AUDIT_CONSUMER_GROUP (default mayfly-audit): the projection's Kafka consumer group; the
 *                      digester's is this name with -digests. A second audit deployment on the same Kafka (writing to
 *                      another Elasticsearch) needs a name of its own.
 */
public record AuditSettings(String host, int port, KafkaCluster kafka, ElasticsearchConnection elasticsearch, String issuerUrl,
                            String consumerGroup, Storage storage, Integrity integrity, CallLimits.Limits requestLimits,
                            Path serviceCredentialFile) {

    public static AuditSettings from(Settings settings) {
        return new AuditSettings(
                settings.string("MAYFLY_AUDIT_HOST", "127.0.0.1"),
                settings.integer("MAYFLY_AUDIT_PORT", 7071),
                settings.kafka(),
                ElasticsearchConnection.from(settings),
                settings.string("MAYFLY_ISSUER_URL", "http://127.0.0.1:7070"),
                settings.string("MAYFLY_AUDIT_CONSUMER_GROUP", "mayfly-audit"),
                new Storage(Period.parse(settings.string("MAYFLY_AUDIT_INDEX_PERIOD", "day")),
                        Duration.ofDays(settings.integer("MAYFLY_AUDIT_RETENTION_DAYS", 90))),
                new Integrity(Duration.ofSeconds(settings.integer("MAYFLY_AUDIT_DIGEST_PERIOD_SECONDS", 3600)),
                        Duration.ofSeconds(settings.integer("MAYFLY_AUDIT_DIGEST_SETTLE_SECONDS", 60)),
                        settings.path("MAYFLY_AUDIT_SIGNING_KEY", settings.home().resolve("audit-signing.key"))),
                CallLimits.Limits.from(settings),
                settings.path("MAYFLY_AUDIT_SERVICE_CREDENTIAL_FILE", settings.home().resolve("keys").resolve("audit.service-credential")));
    }

    /**
     * Where records live and for how long.
     *
     * @param indexPeriod MAYFLY_AUDIT_INDEX_PERIOD, day or month: how much time one index covers
     * @param retention   MAYFLY_AUDIT_RETENTION_DAYS (default 90): whole indices older than this are deleted
     */
    public record Storage(Period indexPeriod, Duration retention) {
    }

    /**
     * The integrity digests.
     *
     * @param digestPeriod   MAYFLY_AUDIT_DIGEST_PERIOD_SECONDS (default one hour): the time one digest covers, per account
     * @param settle         MAYFLY_AUDIT_DIGEST_SETTLE_SECONDS (default 60): how long after a period ends its digest waits
     *                       for records still on their way
     * @param signingKeyFile MAYFLY_AUDIT_SIGNING_KEY (default $MAYFLY_HOME/audit-signing.key): the Ed25519 key that signs
     *                       digests, created on first start; keep it apart from Elasticsearch, since whoever holds it can
     *                       forge a digest; the public keys that signed digests are kept beside it, in the same
     *                       file name with .history ({@link dev.mayfly.audit.integrity.SigningKeyHistory})
     */
    public record Integrity(Duration digestPeriod, Duration settle, Path signingKeyFile) {
    }
}
