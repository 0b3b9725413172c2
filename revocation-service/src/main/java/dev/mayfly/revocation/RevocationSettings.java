package dev.mayfly.revocation;

import dev.mayfly.deploymentkeys.KeyEncryptionKeySource;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.runtime.ManagementSettings;
import dev.mayfly.runtime.Settings;
import dev.mayfly.runtime.TlsSettings;
import dev.mayfly.runtime.TlsTrust;
import dev.mayfly.runtime.audit.CallLimits;
import java.nio.file.Path;

/**
 * The revocation service's settings, each from an environment variable (defaults are ./mayfly dev's):
 * MAYFLY_REVOCATION_HOST, MAYFLY_REVOCATION_PORT, MAYFLY_REVOCATION_DB_URL/_USER/_PASSWORD/_POOL,
 * MAYFLY_KAFKA_BOOTSTRAP and the Kafka client security settings of {@link KafkaCluster#from}, MAYFLY_KAFKA_REPLICATION, MAYFLY_EVENTS_PARTITIONS, MAYFLY_ISSUER_URL, the request limits of
 * {@link CallLimits.Limits#from} (MAYFLY_UNAUTHENTICATED_PER_SECOND, ...), MAYFLY_REVOCATION_SERVICE_CREDENTIAL_FILE: the
 * service's own credential for the issuer's POST /mayfly/authorize (./mayfly service-credential revocation writes it),
 * and TLS as every service reads it: MAYFLY_TLS_KEYSTORE with MAYFLY_TLS_KEYSTORE_PASSWORD to serve HTTPS
 * ({@link TlsSettings}), MAYFLY_TLS_TRUSTSTORE with MAYFLY_TLS_TRUSTSTORE_PASSWORD for an issuer on https:// whose
 * certificate no public CA signed ({@link TlsTrust}), and MAYFLY_REVOCATION_MANAGEMENT_HOST (127.0.0.1) with
 * MAYFLY_REVOCATION_MANAGEMENT_PORT ({@value #DEFAULT_MANAGEMENT_PORT}): the management listener, where /metrics is
 * served ({@link ManagementSettings}), and the key-encryption key of the deployment's key rings
 * ({@link KeyEncryptionKeySource}: MAYFLY_KEY_ENCRYPTION_KEY or MAYFLY_KEY_ENCRYPTION_KEY_FILE, keys/key-encryption.key).
 *
 * @param tls   HTTPS, or null for plain HTTP (TLS terminated in front of the service)
 * @param trust      what the issuer's certificate is verified against, when MAYFLY_ISSUER_URL is https://
 * @param management where /metrics is served, never on the public port
 * @param keyEncryptionKey when configured, the service's signing ring is revocation-signing on mayfly.keys; else its own
 *                   file beside its service credential
 */
public record RevocationSettings(String host, int port, DatabaseSettings database, KafkaCluster kafka,
                                 short kafkaReplication, int eventPartitions, String issuerUrl,
                                 CallLimits.Limits requestLimits, Path serviceCredentialFile, TlsSettings tls, TlsTrust trust,
                                 ManagementSettings management, KeyEncryptionKeySource keyEncryptionKey) {

    /** Next to the issuer's (8070) and the audit service's (8071), as the public ports are. */
    public static final int DEFAULT_MANAGEMENT_PORT = 8072;

    /**
     * Settings for plain HTTP, calling an issuer whose certificate, if any, a public CA signed; the management listener on
     * loopback, on any free port.
     */
    public RevocationSettings(String host, int port, DatabaseSettings database, KafkaCluster kafka, short kafkaReplication,
                              int eventPartitions, String issuerUrl, CallLimits.Limits requestLimits, Path serviceCredentialFile) {
        this(host, port, database, kafka, kafkaReplication, eventPartitions, issuerUrl, requestLimits,
                serviceCredentialFile, null, TlsTrust.PUBLIC_CAS, ManagementSettings.ANY_LOOPBACK_PORT,
                KeyEncryptionKeySource.defaultFile(serviceCredentialFile.resolveSibling("key-encryption.key")));
    }

    /**
     * The revocation service's own Ed25519 keys, which sign its records on mayfly.revocations and mayfly.events, never
     * leaving it; kept beside its service credential. Their public half is {@link #signingPublicKeysFile()}.
     */
    public Path signingKeysFile() {
        return serviceCredentialFile.resolveSibling("revocation-signing.keys");
    }

    /** The revocation service's public keys, which issuers, verifiers and the audit check its records with: copy it to them. */
    public Path signingPublicKeysFile() {
        return serviceCredentialFile.resolveSibling("revocation-signing.pub");
    }

    /**
     * A copy of the audit service's public keys ({@code audit-feed-signing.pub}, beside the service credential, as
     * ./mayfly dev keeps them): the detections' responses on mayfly.detections must be signed with one of them. With a
     * key-encryption key the audit-feed-signing ring on mayfly.keys is followed as well.
     */
    public Path auditPublicKeysFile() {
        return serviceCredentialFile.resolveSibling("audit-feed-signing.pub");
    }

    /** These settings, serving HTTPS (or plain HTTP, when tls is null) and trusting these certificates in the issuer. */
    public RevocationSettings withTls(TlsSettings tls, TlsTrust trust) {
        return new RevocationSettings(host, port, database, kafka, kafkaReplication, eventPartitions, issuerUrl,
                requestLimits, serviceCredentialFile, tls, trust, management, keyEncryptionKey);
    }

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
                settings.path("MAYFLY_REVOCATION_SERVICE_CREDENTIAL_FILE", settings.home().resolve("keys").resolve("revocation.service-credential")),
                TlsSettings.from(settings).orElse(null),
                TlsTrust.from(settings),
                ManagementSettings.from(settings, "REVOCATION", DEFAULT_MANAGEMENT_PORT),
                KeyEncryptionKeySource.from(name -> settings.string(name, null), settings.home().resolve("keys").resolve("key-encryption.key")));
    }
}
