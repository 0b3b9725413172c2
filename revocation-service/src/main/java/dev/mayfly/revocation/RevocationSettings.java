package dev.mayfly.revocation;

import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.runtime.Settings;
import dev.mayfly.runtime.audit.CallLimits;
import java.nio.file.Path;

/**
 * The revocation service's settings, each from an environment variable (defaults are ./mayfly dev's):
 * MAYFLY_REVOCATION_HOST, MAYFLY_REVOCATION_PORT, MAYFLY_REVOCATION_DB_URL/_USER/_PASSWORD/_POOL,
 * MAYFLY_KAFKA_BOOTSTRAP and the Kafka client security settings of {@link KafkaCluster#from}, MAYFLY_KAFKA_REPLICATION, MAYFLY_EVENTS_PARTITIONS, MAYFLY_ISSUER_URL, and the request limits of
 * {@link CallLimits.Limits#from} (MAYFLY_UNAUTHENTICATED_PER_SECOND, ...), and MAYFLY_REVOCATION_SERVICE_CREDENTIAL_FILE: the
 * service's own credential for the issuer's POST /mayfly/authorize (./mayfly service-credential revocation writes it).
 */
public record RevocationSettings(String host, int port, DatabaseSettings database, KafkaCluster kafka,
                                 short kafkaReplication, int eventPartitions, String issuerUrl,
                                 CallLimits.Limits requestLimits, Path serviceCredentialFile) {

    public static RevocationSettings from(Settings settings) {
        return new RevocationSettings(
                settings.string("MAYFLY_REVOCATION_HOST", "127.0.0.1"),
                settings.integer("MAYFLY_REVOCATION_PORT", 7072),
                DatabaseSettings.from(settings, "MAYFLY_REVOCATION", "mayfly_revocation"),
                settings.kafka(),
                (short) settings.integer("MAYFLY_KAFKA_REPLICATION", 1),
                settings.integer("MAYFLY_EVENTS_PARTITIONS", 3),
                settings.string("MAYFLY_ISSUER_URL", "http://127.0.0.1:7070"),
                CallLimits.Limits.from(settings),
                settings.path("MAYFLY_REVOCATION_SERVICE_CREDENTIAL_FILE", settings.home().resolve("keys").resolve("revocation.service-credential")));
    }
}
