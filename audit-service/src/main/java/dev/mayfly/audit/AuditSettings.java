package dev.mayfly.audit;

import dev.mayfly.deploymentkeys.KeyEncryptionKeySource;
import dev.mayfly.audit.projection.AuditIndices.Period;
import dev.mayfly.audit.projection.AuditIndices.Shards;
import dev.mayfly.audit.projection.ElasticsearchConnection;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.runtime.ManagementSettings;
import dev.mayfly.runtime.Settings;
import dev.mayfly.runtime.TlsSettings;
import dev.mayfly.runtime.TlsTrust;
import dev.mayfly.runtime.net.AddressPolicy;
import dev.mayfly.runtime.audit.CallLimits;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;

/**
 * The audit service's settings, each from an environment variable (defaults are ./mayfly dev's): MAYFLY_AUDIT_HOST,
 * MAYFLY_AUDIT_PORT, the Kafka settings of {@link KafkaCluster#from}, the Elasticsearch settings of
 * {@link ElasticsearchConnection#from} (MAYFLY_ELASTICSEARCH_URL, ...), MAYFLY_ISSUER_URL, MAYFLY_AUDIT_CONSUMER_GROUP, and
 * those of {@link Storage} and {@link Integrity}, the request limits of {@link CallLimits.Limits#from}
 * (MAYFLY_UNAUTHENTICATED_PER_SECOND, ...), MAYFLY_AUDIT_SERVICE_CREDENTIAL_FILE: the service's own credential for the
 * issuer's POST /mayfly/authorize (./mayfly service-credential audit writes it), and TLS as every service reads it:
 * MAYFLY_TLS_KEYSTORE with MAYFLY_TLS_KEYSTORE_PASSWORD to serve HTTPS ({@link TlsSettings}), MAYFLY_TLS_TRUSTSTORE with
 * MAYFLY_TLS_TRUSTSTORE_PASSWORD for an issuer on https:// whose certificate no public CA signed ({@link TlsTrust}), and
 * MAYFLY_AUDIT_MANAGEMENT_HOST (127.0.0.1) with MAYFLY_AUDIT_MANAGEMENT_PORT ({@value #DEFAULT_MANAGEMENT_PORT}): the
 * management listener, where /metrics is served ({@link ManagementSettings}), and MAYFLY_ISSUER_PUBLIC_KEYS_FILE
 * (keys/issuer-signing.pub) and MAYFLY_REVOCATION_PUBLIC_KEYS_FILE (keys/revocation-signing.pub).
 *
 * @param consumerGroup MAYFLY_AUDIT_CONSUMER_GROUP (default mayfly-audit): the projection's Kafka consumer group; the
 *                      digester's is this name with -digests. A second audit deployment on the same Kafka (writing to
 *                      another Elasticsearch) needs a name of its own.
 * @param tls           HTTPS, or null for plain HTTP (TLS terminated in front of the service)
 * @param trust         what the issuer's certificate is verified against, when MAYFLY_ISSUER_URL is https://
 * @param management    where /metrics is served, never on the public port
 * @param issuerPublicKeysFile     a copy of the issuer's public keys ({@code issuer-signing.pub}): the issuer's records on
 *                      mayfly.events must be signed with one of them
 * @param revocationPublicKeysFile a copy of the revocation service's public keys ({@code revocation-signing.pub}), for its
 *                      records on mayfly.events
 * @param keyEncryptionKey where the key-encryption key of the deployment's key rings is (MAYFLY_KEY_ENCRYPTION_KEY or
 *                      MAYFLY_KEY_ENCRYPTION_KEY_FILE, keys/key-encryption.key): when configured, the service's feed signing
 *                      ring is audit-feed-signing on mayfly.keys; else its own file beside its service credential
 * @param detectionWebhookAddresses MAYFLY_DETECTION_WEBHOOK_ALLOW_PRIVATE_ADDRESSES (false, the default, which ./mayfly dev
 *                      sets to true; or a comma-separated list of blocks, as {@link AddressPolicy#parse} reads it): where
 *                      the detections' webhooks may point, public addresses only unless the operator allows more
 */
public record AuditSettings(String host, int port, KafkaCluster kafka, ElasticsearchConnection elasticsearch, String issuerUrl,
                            String consumerGroup, Storage storage, Integrity integrity, CallLimits.Limits requestLimits,
                            Path serviceCredentialFile, TlsSettings tls, TlsTrust trust, ManagementSettings management,
                            Path issuerPublicKeysFile, Path revocationPublicKeysFile, KeyEncryptionKeySource keyEncryptionKey,
                            AddressPolicy detectionWebhookAddresses) {

    public static final String DETECTION_WEBHOOK_ALLOW_PRIVATE_ADDRESSES = "MAYFLY_DETECTION_WEBHOOK_ALLOW_PRIVATE_ADDRESSES";

    /** Next to the issuer's (8070), as the public ports are. */
    public static final int DEFAULT_MANAGEMENT_PORT = 8071;

    /**
     * Settings for plain HTTP, calling an issuer whose certificate, if any, a public CA signed; the management listener on
     * loopback, on any free port; the issuer's and the revocation service's public keys beside the service credential.
     */
    public AuditSettings(String host, int port, KafkaCluster kafka, ElasticsearchConnection elasticsearch, String issuerUrl,
                         String consumerGroup, Storage storage, Integrity integrity, CallLimits.Limits requestLimits,
                         Path serviceCredentialFile) {
        this(host, port, kafka, elasticsearch, issuerUrl, consumerGroup, storage, integrity, requestLimits,
                serviceCredentialFile, null, TlsTrust.PUBLIC_CAS, ManagementSettings.ANY_LOOPBACK_PORT,
                serviceCredentialFile.resolveSibling("issuer-signing.pub"), serviceCredentialFile.resolveSibling("revocation-signing.pub"),
                KeyEncryptionKeySource.defaultFile(serviceCredentialFile.resolveSibling("key-encryption.key")), AddressPolicy.publicOnly());
    }

    /** These settings, serving HTTPS (or plain HTTP, when tls is null) and trusting these certificates in the issuer. */
    public AuditSettings withTls(TlsSettings tls, TlsTrust trust) {
        return new AuditSettings(host, port, kafka, elasticsearch, issuerUrl, consumerGroup, storage, integrity,
                requestLimits, serviceCredentialFile, tls, trust, management, issuerPublicKeysFile, revocationPublicKeysFile,
                keyEncryptionKey, detectionWebhookAddresses);
    }

    /** These settings, the detections' webhooks allowed to point where this policy says (tests: local receivers). */
    public AuditSettings withDetectionWebhookAddresses(AddressPolicy addresses) {
        return new AuditSettings(host, port, kafka, elasticsearch, issuerUrl, consumerGroup, storage, integrity,
                requestLimits, serviceCredentialFile, tls, trust, management, issuerPublicKeysFile, revocationPublicKeysFile,
                keyEncryptionKey, addresses);
    }

    /**
     * The audit service's own Ed25519 keys, which sign its records on mayfly.events (the calls made to it), never leaving
     * it; kept beside its service credential. Not the key that signs digests: that one is {@link Integrity#signingKeyFile}.
     */
    public Path signingKeysFile() {
        return serviceCredentialFile.resolveSibling("audit-feed-signing.keys");
    }

    /**
     * The AES key that seals the detections' webhook secrets in Elasticsearch when this process has no key-encryption
     * key (one audit process); with one, the key-encryption key seals them.
     */
    public Path webhookSecretsKeyFile() {
        return serviceCredentialFile.resolveSibling("detection-webhook-secrets.keys");
    }

    /** The audit service's public keys for its records on mayfly.events. */
    public Path signingPublicKeysFile() {
        return serviceCredentialFile.resolveSibling("audit-feed-signing.pub");
    }

    /** The public keys of every service that produces mayfly.events: the issuer's, the revocation service's, and its own. */
    public List<Path> eventProducersPublicKeysFiles() {
        return List.of(issuerPublicKeysFile, revocationPublicKeysFile, signingPublicKeysFile());
    }

    public static AuditSettings from(Settings settings) {
        return new AuditSettings(
                settings.string("MAYFLY_AUDIT_HOST", "127.0.0.1"),
                settings.integer("MAYFLY_AUDIT_PORT", 7071),
                settings.kafka(),
                ElasticsearchConnection.from(settings),
                settings.string("MAYFLY_ISSUER_URL", "http://127.0.0.1:7070"),
                settings.string("MAYFLY_AUDIT_CONSUMER_GROUP", "mayfly-audit"),
                new Storage(Period.parse(settings.string("MAYFLY_AUDIT_INDEX_PERIOD", "day")),
                        Duration.ofDays(settings.integer("MAYFLY_AUDIT_RETENTION_DAYS", 90)),
                        new Shards(settings.integer("MAYFLY_AUDIT_INDEX_SHARDS", Shards.SINGLE_NODE.primaries()),
                                settings.integer("MAYFLY_AUDIT_INDEX_REPLICAS", Shards.SINGLE_NODE.replicas()))),
                new Integrity(Duration.ofSeconds(settings.integer("MAYFLY_AUDIT_DIGEST_PERIOD_SECONDS", 3600)),
                        Duration.ofSeconds(settings.integer("MAYFLY_AUDIT_DIGEST_SETTLE_SECONDS", 60)),
                        settings.path("MAYFLY_AUDIT_SIGNING_KEY", settings.home().resolve("audit-signing.key")),
                        Duration.ofSeconds(settings.integer("MAYFLY_AUDIT_DIGESTER_LEASE_SECONDS",
                                (int) Integrity.DEFAULT_DIGESTER_LEASE.toSeconds()))),
                CallLimits.Limits.from(settings),
                settings.path("MAYFLY_AUDIT_SERVICE_CREDENTIAL_FILE", settings.home().resolve("keys").resolve("audit.service-credential")),
                TlsSettings.from(settings).orElse(null),
                TlsTrust.from(settings),
                ManagementSettings.from(settings, "AUDIT", DEFAULT_MANAGEMENT_PORT),
                settings.path("MAYFLY_ISSUER_PUBLIC_KEYS_FILE", settings.home().resolve("keys").resolve("issuer-signing.pub")),
                settings.path("MAYFLY_REVOCATION_PUBLIC_KEYS_FILE", settings.home().resolve("keys").resolve("revocation-signing.pub")),
                KeyEncryptionKeySource.from(name -> settings.string(name, null), settings.home().resolve("keys").resolve("key-encryption.key")),
                webhookAddresses(settings.string(DETECTION_WEBHOOK_ALLOW_PRIVATE_ADDRESSES, "false")));
    }

    private static AddressPolicy webhookAddresses(String setting) {
        try {
            return AddressPolicy.parse(setting);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(DETECTION_WEBHOOK_ALLOW_PRIVATE_ADDRESSES
                    + " must be true, false or a comma-separated list of address blocks (10.20.0.0/16)", e);
        }
    }

    /**
     * Where records live and for how long.
     *
     * @param indexPeriod MAYFLY_AUDIT_INDEX_PERIOD, day or month: how much time one index covers
     * @param retention   MAYFLY_AUDIT_RETENTION_DAYS (default 90): whole indices older than this are deleted
     * @param shards      MAYFLY_AUDIT_INDEX_SHARDS and MAYFLY_AUDIT_INDEX_REPLICAS: how each index is split and copied
     */
    public record Storage(Period indexPeriod, Duration retention, Shards shards) {

        /** On a single node: {@link Shards#SINGLE_NODE}. */
        public Storage(Period indexPeriod, Duration retention) {
            this(indexPeriod, retention, Shards.SINGLE_NODE);
        }
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
     * @param digesterLease  MAYFLY_AUDIT_DIGESTER_LEASE_SECONDS (default 30): of several audit processes only the one
     *                       holding the digester lease seals digests; when it dies, another takes over after this long
     *                       (and a check, a sixth of it); a clean stop hands over at the next check
     *                       ({@link dev.mayfly.audit.integrity.DigesterLease})
     */
    public record Integrity(Duration digestPeriod, Duration settle, Path signingKeyFile, Duration digesterLease) {

        public static final Duration DEFAULT_DIGESTER_LEASE = Duration.ofSeconds(30);

        /** With the default digester lease. */
        public Integrity(Duration digestPeriod, Duration settle, Path signingKeyFile) {
            this(digestPeriod, settle, signingKeyFile, DEFAULT_DIGESTER_LEASE);
        }
    }
}
