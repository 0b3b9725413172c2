package dev.mayfly.issuer;

import dev.mayfly.deploymentkeys.KeyEncryptionKeySource;
import dev.mayfly.eventstore.CheckpointSchedule;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.runtime.net.AddressPolicy;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.runtime.ManagementSettings;
import dev.mayfly.runtime.Settings;
import dev.mayfly.runtime.TlsSettings;
import dev.mayfly.runtime.audit.CallLimits;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The issuer's settings, each from an environment variable (defaults are ./mayfly dev's):
 * MAYFLY_ISSUER_HOST, MAYFLY_ISSUER_PORT, MAYFLY_ISSUER_DB_URL/_USER/_PASSWORD/_POOL, MAYFLY_KAFKA_BOOTSTRAP
 * and the Kafka client security settings of {@link KafkaCluster#from}, MAYFLY_KAFKA_REPLICATION, MAYFLY_EVENTS_PARTITIONS, MAYFLY_TOKEN_KEYS_FILE, MAYFLY_VAULT_KEYS_FILE,
 * MAYFLY_ADMIN_TOKEN_FILE (files are created, readable by their owner only, when missing), MAYFLY_REVOCATION_MAX_AGE_SECONDS
 * (how long the revocation feed may go without news from Kafka, 30 by default) and MAYFLY_REVOCATION_FAIL_MODE (closed,
 * the default: then session credentials are refused; or open), MAYFLY_TLS_KEYSTORE with MAYFLY_TLS_KEYSTORE_PASSWORD
 * for HTTPS ({@link TlsSettings}), and MAYFLY_OIDC_ALLOW_PRIVATE_ADDRESSES (false, the default, which ./mayfly dev
 * overrides with true: OpenID Connect providers' keys are fetched from public addresses only; true: from private and
 * loopback ones too; or a comma-separated list of the blocks allowed beside public addresses, see {@link AddressPolicy}),
 * the request limits of {@link CallLimits.Limits#from} (MAYFLY_STS_REQUESTS_PER_SECOND, ...),
 * MAYFLY_ISSUER_MANAGEMENT_HOST (127.0.0.1) with MAYFLY_ISSUER_MANAGEMENT_PORT ({@value #DEFAULT_MANAGEMENT_PORT}): the
 * management listener, where the admin API and /metrics are served ({@link ManagementSettings}),
 * MAYFLY_REVOCATION_PUBLIC_KEYS_FILE (keys/revocation-signing.pub), MAYFLY_REVOCATION_EPOCH_FILE
 * (keys/revocation-feed.epoch), and the key-encryption key of the deployment's key
 * rings on mayfly.keys ({@link KeyEncryptionKeySource}: MAYFLY_KEY_ENCRYPTION_KEY or MAYFLY_KEY_ENCRYPTION_KEY_FILE,
 * keys/key-encryption.key), without which the issuer keeps key files of its own (MAYFLY_TOKEN_KEYS_FILE, ...), and
 * MAYFLY_READ_MODEL_CHECKPOINT_CHANGES (10,000; 0: no snapshots) with MAYFLY_READ_MODEL_CHECKPOINT_INTERVAL_SECONDS (600):
 * how often the read model's snapshot is written, which a restart starts from; MAYFLY_ISSUER_PUBLIC_URL: the URL clients
 * reach the issuer at, behind a load balancer or TLS terminator (accounts' outbound identity issuer URLs are made of it).
 *
 * @param tls           HTTPS, or null for plain HTTP (TLS terminated in front of the issuer)
 * @param oidcAddresses where the keys of OpenID Connect providers may be fetched from
 * @param requestLimits per account and scope, and per source for calls no principal stands behind
 * @param management    where the admin API and /metrics are served, never on the public port
 * @param revocationPublicKeysFile a copy of the revocation service's public keys ({@code revocation-signing.pub}), which
 *                      every revocation rule's record must be signed with before the issuer applies it
 * @param revocationEpochFile where the issuer remembers the highest revocation feed epoch it read, so that, restarted on
 *                      an emptied or re-created revocation topic, it does not trust the empty feed (created when missing)
 * @param keyEncryptionKey where the key that opens the deployment's key rings is: when it is configured, the session-token,
 *                      credential-vault and issuer-signing rings come from mayfly.keys (made by ./mayfly keys init) and the
 *                      key files above are not used
 * @param readModelCheckpoints when the read model's snapshot is written: after so many state changes, or after a while
 *                      when fewer came
 * @param publicUrl     the URL clients reach the issuer at (MAYFLY_ISSUER_PUBLIC_URL), which accounts' outbound identity
 *                      issuer URLs are made of; null: the listener's own (http or https, host and port), right only when
 *                      clients reach the issuer directly
 */
public record IssuerSettings(String host, int port, DatabaseSettings database, KafkaCluster kafka, short kafkaReplication,
                             int eventPartitions, Path tokenKeysFile, Path vaultKeysFile, Path adminTokenFile,
                             Duration revocationMaxAge, boolean revocationFailClosed, TlsSettings tls, AddressPolicy oidcAddresses,
                             CallLimits.Limits requestLimits, ManagementSettings management, Path revocationPublicKeysFile,
                             Path revocationEpochFile, KeyEncryptionKeySource keyEncryptionKey,
                             CheckpointSchedule readModelCheckpoints, URI publicUrl) {

    /** These settings, the public URL that of the listener ({@link #publicUrl}). */
    public IssuerSettings(String host, int port, DatabaseSettings database, KafkaCluster kafka, short kafkaReplication,
                          int eventPartitions, Path tokenKeysFile, Path vaultKeysFile, Path adminTokenFile, Duration revocationMaxAge,
                          boolean revocationFailClosed, TlsSettings tls, AddressPolicy oidcAddresses, CallLimits.Limits requestLimits,
                          ManagementSettings management, Path revocationPublicKeysFile, Path revocationEpochFile,
                          KeyEncryptionKeySource keyEncryptionKey, CheckpointSchedule readModelCheckpoints) {
        this(host, port, database, kafka, kafkaReplication, eventPartitions, tokenKeysFile, vaultKeysFile, adminTokenFile,
                revocationMaxAge, revocationFailClosed, tls, oidcAddresses, requestLimits, management, revocationPublicKeysFile,
                revocationEpochFile, keyEncryptionKey, readModelCheckpoints, null);
    }

    /** A snapshot every 10,000 state changes, or after 10 minutes when fewer came. */
    public static final CheckpointSchedule DEFAULT_READ_MODEL_CHECKPOINTS = new CheckpointSchedule(10_000, Duration.ofMinutes(10));

    /** Beside dev mode's public ports (7070-7073) and its infrastructure's (5433, 9092, 9200), clear of them all. */
    public static final int DEFAULT_MANAGEMENT_PORT = 8070;
    public static final String OIDC_ALLOW_PRIVATE_ADDRESSES = "MAYFLY_OIDC_ALLOW_PRIVATE_ADDRESSES";
    public static final String PUBLIC_URL = "MAYFLY_ISSUER_PUBLIC_URL";
    /** The default name of {@link #revocationEpochFile}, beside the keys. */
    private static final String REVOCATION_EPOCH_FILE = "revocation-feed.epoch";
    /** The key-encryption key's file name in the keys directory, where ./mayfly keys init makes one by default. */
    public static final String KEY_ENCRYPTION_KEY_FILE = "key-encryption.key";

    /** These settings, the read model's snapshot written as by default. */
    public IssuerSettings(String host, int port, DatabaseSettings database, KafkaCluster kafka, short kafkaReplication,
                          int eventPartitions, Path tokenKeysFile, Path vaultKeysFile, Path adminTokenFile, Duration revocationMaxAge,
                          boolean revocationFailClosed, TlsSettings tls, AddressPolicy oidcAddresses, CallLimits.Limits requestLimits,
                          ManagementSettings management, Path revocationPublicKeysFile, Path revocationEpochFile,
                          KeyEncryptionKeySource keyEncryptionKey) {
        this(host, port, database, kafka, kafkaReplication, eventPartitions, tokenKeysFile, vaultKeysFile, adminTokenFile,
                revocationMaxAge, revocationFailClosed, tls, oidcAddresses, requestLimits, management, revocationPublicKeysFile,
                revocationEpochFile, keyEncryptionKey, DEFAULT_READ_MODEL_CHECKPOINTS);
    }

    /** Settings for plain HTTP; OpenID Connect providers' keys from public addresses only. */
    public IssuerSettings(String host, int port, DatabaseSettings database, KafkaCluster kafka, short kafkaReplication,
                          int eventPartitions, Path tokenKeysFile, Path vaultKeysFile, Path adminTokenFile, Duration revocationMaxAge,
                          boolean revocationFailClosed) {
        this(host, port, database, kafka, kafkaReplication, eventPartitions, tokenKeysFile, vaultKeysFile, adminTokenFile,
                revocationMaxAge, revocationFailClosed, null);
    }

    /**
     * Settings with HTTPS (or plain HTTP, when tls is null); OpenID Connect providers' keys from public addresses only; the
     * management listener on loopback, on any free port; the revocation service's public keys beside the token keys.
     */
    public IssuerSettings(String host, int port, DatabaseSettings database, KafkaCluster kafka, short kafkaReplication,
                          int eventPartitions, Path tokenKeysFile, Path vaultKeysFile, Path adminTokenFile, Duration revocationMaxAge,
                          boolean revocationFailClosed, TlsSettings tls) {
        this(host, port, database, kafka, kafkaReplication, eventPartitions, tokenKeysFile, vaultKeysFile, adminTokenFile,
                revocationMaxAge, revocationFailClosed, tls, AddressPolicy.publicOnly(), CallLimits.Limits.DEFAULT,
                ManagementSettings.ANY_LOOPBACK_PORT, tokenKeysFile.resolveSibling("revocation-signing.pub"));
    }

    /**
     * These settings, the revocation feed's epoch remembered beside the token keys, and the key-encryption key looked for
     * there too.
     */
    public IssuerSettings(String host, int port, DatabaseSettings database, KafkaCluster kafka, short kafkaReplication,
                          int eventPartitions, Path tokenKeysFile, Path vaultKeysFile, Path adminTokenFile, Duration revocationMaxAge,
                          boolean revocationFailClosed, TlsSettings tls, AddressPolicy oidcAddresses, CallLimits.Limits requestLimits,
                          ManagementSettings management, Path revocationPublicKeysFile) {
        this(host, port, database, kafka, kafkaReplication, eventPartitions, tokenKeysFile, vaultKeysFile, adminTokenFile,
                revocationMaxAge, revocationFailClosed, tls, oidcAddresses, requestLimits, management, revocationPublicKeysFile,
                tokenKeysFile.resolveSibling(REVOCATION_EPOCH_FILE),
                KeyEncryptionKeySource.defaultFile(tokenKeysFile.resolveSibling(KEY_ENCRYPTION_KEY_FILE)));
    }

    /** These settings, with OpenID Connect providers' keys fetched from these addresses. */
    public IssuerSettings withOidcAddresses(AddressPolicy addresses) {
        return new IssuerSettings(host, port, database, kafka, kafkaReplication, eventPartitions, tokenKeysFile, vaultKeysFile,
                adminTokenFile, revocationMaxAge, revocationFailClosed, tls, addresses, requestLimits, management,
                revocationPublicKeysFile, revocationEpochFile, keyEncryptionKey, readModelCheckpoints, publicUrl);
    }

    /**
     * The key the credentials of the services that ask for decisions (POST /mayfly/authorize) are made with: an
     * operator's secret, kept beside the admin token.
     */
    public Path serviceCredentialsKeyFile() {
        return adminTokenFile.resolveSibling("service-credentials.key");
    }

    /**
     * The issuer's own Ed25519 keys, which sign what it vouches for to other components (sessions' claims for verifiers),
     * never leaving the issuer; kept beside the session-token keys. Their public half is {@link #signingPublicKeysFile()}.
     */
    public Path signingKeysFile() {
        return tokenKeysFile.resolveSibling("issuer-signing.keys");
    }

    /** The issuer's public keys, which verifiers check signed session claims with: the file to copy to every resource server. */
    public Path signingPublicKeysFile() {
        return tokenKeysFile.resolveSibling("issuer-signing.pub");
    }

    /** These settings, with the deployment's key rings opened with the key-encryption key from there. */
    public IssuerSettings withKeyEncryptionKey(KeyEncryptionKeySource source) {
        return new IssuerSettings(host, port, database, kafka, kafkaReplication, eventPartitions, tokenKeysFile, vaultKeysFile,
                adminTokenFile, revocationMaxAge, revocationFailClosed, tls, oidcAddresses, requestLimits, management,
                revocationPublicKeysFile, revocationEpochFile, source, readModelCheckpoints, publicUrl);
    }

    /** These settings, with the read model's snapshot written on this schedule. */
    public IssuerSettings withReadModelCheckpoints(CheckpointSchedule schedule) {
        return new IssuerSettings(host, port, database, kafka, kafkaReplication, eventPartitions, tokenKeysFile, vaultKeysFile,
                adminTokenFile, revocationMaxAge, revocationFailClosed, tls, oidcAddresses, requestLimits, management,
                revocationPublicKeysFile, revocationEpochFile, keyEncryptionKey, schedule, publicUrl);
    }

    /** These settings, with these request limits. */
    public IssuerSettings withRequestLimits(CallLimits.Limits limits) {
        return new IssuerSettings(host, port, database, kafka, kafkaReplication, eventPartitions, tokenKeysFile, vaultKeysFile,
                adminTokenFile, revocationMaxAge, revocationFailClosed, tls, oidcAddresses, limits, management,
                revocationPublicKeysFile, revocationEpochFile, keyEncryptionKey, readModelCheckpoints, publicUrl);
    }

    /** Dev-mode defaults for the revocation feed: 30 seconds without news from Kafka, then session credentials are refused. */
    public static final Duration DEFAULT_REVOCATION_MAX_AGE = Duration.ofSeconds(30);

    public static IssuerSettings from(Settings settings) {
        Path keys = settings.home().resolve("keys");
        return new IssuerSettings(
                settings.string("MAYFLY_ISSUER_HOST", "127.0.0.1"),
                settings.integer("MAYFLY_ISSUER_PORT", 7070),
                DatabaseSettings.from(settings, "MAYFLY_ISSUER", "mayfly_issuer"),
                settings.kafka(),
                (short) settings.integer("MAYFLY_KAFKA_REPLICATION", 1),
                settings.integer("MAYFLY_EVENTS_PARTITIONS", 3),
                settings.path("MAYFLY_TOKEN_KEYS_FILE", keys.resolve("session-token.keys")),
                settings.path("MAYFLY_VAULT_KEYS_FILE", keys.resolve("credential-vault.keys")),
                settings.path("MAYFLY_ADMIN_TOKEN_FILE", keys.resolve("admin-token")),
                Duration.ofSeconds(settings.integer("MAYFLY_REVOCATION_MAX_AGE_SECONDS", (int) DEFAULT_REVOCATION_MAX_AGE.toSeconds())),
                !settings.string("MAYFLY_REVOCATION_FAIL_MODE", "closed").equalsIgnoreCase("open"),
                TlsSettings.from(settings).orElse(null),
                oidcAddresses(settings.string(OIDC_ALLOW_PRIVATE_ADDRESSES, "false")),
                CallLimits.Limits.from(settings),
                ManagementSettings.from(settings, "ISSUER", DEFAULT_MANAGEMENT_PORT),
                settings.path("MAYFLY_REVOCATION_PUBLIC_KEYS_FILE", keys.resolve("revocation-signing.pub")),
                settings.path("MAYFLY_REVOCATION_EPOCH_FILE", keys.resolve(REVOCATION_EPOCH_FILE)),
                KeyEncryptionKeySource.from(name -> settings.string(name, null), keys.resolve(KEY_ENCRYPTION_KEY_FILE)),
                new CheckpointSchedule(settings.integer("MAYFLY_READ_MODEL_CHECKPOINT_CHANGES",
                        (int) DEFAULT_READ_MODEL_CHECKPOINTS.changes()),
                        Duration.ofSeconds(settings.integer("MAYFLY_READ_MODEL_CHECKPOINT_INTERVAL_SECONDS",
                                (int) DEFAULT_READ_MODEL_CHECKPOINTS.interval().toSeconds()))),
                publicUrl(settings.string(PUBLIC_URL, null)));
    }

    private static URI publicUrl(String setting) {
        if (setting == null || setting.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(setting.strip().replaceAll("/+$", ""));
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new URISyntaxException(setting, "not an http(s) URL of a host, without query, fragment or user");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(PUBLIC_URL + " must be the URL clients reach this issuer at, such as"
                    + " https://sts.example.com, not '" + setting + "'");
        }
    }

    /** These settings, with the URL clients reach the issuer at. */
    public IssuerSettings withPublicUrl(URI url) {
        return new IssuerSettings(host, port, database, kafka, kafkaReplication, eventPartitions, tokenKeysFile, vaultKeysFile,
                adminTokenFile, revocationMaxAge, revocationFailClosed, tls, oidcAddresses, requestLimits, management,
                revocationPublicKeysFile, revocationEpochFile, keyEncryptionKey, readModelCheckpoints, url);
    }

    /**
     * The keys that sign the tokens of GetWebIdentityToken when the issuer keeps key files of its own (no key-encryption
     * key): beside the session-token keys, made at first start.
     */
    public Path webIdentityKeysFile() {
        return tokenKeysFile.resolveSibling("web-identity-signing.keys");
    }

    private static AddressPolicy oidcAddresses(String setting) {
        try {
            return AddressPolicy.parse(setting);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(OIDC_ALLOW_PRIVATE_ADDRESSES + " must be true, false or a comma-separated list of"
                    + " address blocks such as 10.20.0.0/16, not '" + setting + "'");
        }
    }
}
