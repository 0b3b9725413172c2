package dev.mayfly.dev;

import dev.mayfly.audit.AuditService;
import dev.mayfly.audit.AuditSettings.Integrity;
import dev.mayfly.audit.AuditSettings.Storage;
import dev.mayfly.audit.AuditSettings;
import dev.mayfly.audit.projection.AuditIndices.Period;
import dev.mayfly.audit.projection.ElasticsearchConnection;
import dev.mayfly.embedded.FreePorts;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.issuer.IssuerService;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.revocation.RevocationService;
import dev.mayfly.revocation.RevocationSettings;
import dev.mayfly.runtime.audit.CallLimits;
import dev.mayfly.runtime.net.AddressPolicy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** The three services, once per test JVM, on the shared embedded infrastructure and free ports. */
final class Platform {

    private static Platform platform;
    final IssuerService issuer;
    final AuditService audit;
    /** The revocation service's settings: another process on the same store and keys starts from them. */
    final RevocationSettings revocationSettings;
    final RevocationService revocation;
    /** Where the issuer keeps its session token keys (and, beside them, the claims-signing keys). */
    final Path tokenKeysFile;
    /** Short, so that tests see digests sealed within seconds. */
    static final Duration DIGEST_PERIOD = Duration.ofSeconds(2);

    private Platform(IssuerService issuer, AuditService audit, RevocationService revocation, RevocationSettings revocationSettings,
                     Path tokenKeysFile) {
        this.revocationSettings = revocationSettings;
        this.issuer = issuer;
        this.audit = audit;
        this.revocation = revocation;
        this.tokenKeysFile = tokenKeysFile;
    }

    static synchronized Platform get() {
        if (platform == null) {
            try {
                Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "platform-");
                String kafka = SharedInfrastructure.kafka().bootstrapServers();
                IssuerService issuer = IssuerService.start(new IssuerSettings("127.0.0.1", FreePorts.next(),
                        new DatabaseSettings(SharedInfrastructure.postgres().database("e2e_issuer"), "postgres", "postgres", 8),
                        KafkaCluster.plaintext(kafka), (short) 1, 3, home.resolve("token.keys"), home.resolve("vault.keys"), home.resolve("admin-token"), IssuerSettings.DEFAULT_REVOCATION_MAX_AGE, true),
                        Clock.systemUTC());
                String issuerUrl = "http://127.0.0.1:" + issuer.port();
                PrivateFiles.write(home.resolve("audit.credential"), issuer.serviceCredential("audit").fileText());
                PrivateFiles.write(home.resolve("revocation.credential"), issuer.serviceCredential("revocation").fileText());
                AuditService audit = AuditService.start(new AuditSettings("127.0.0.1", FreePorts.next(), KafkaCluster.plaintext(kafka),
                        ElasticsearchConnection.unauthenticated(SharedInfrastructure.elasticsearch().httpUrl()), issuerUrl, "mayfly-audit", new Storage(Period.DAY, Duration.ofDays(90)),
                        new Integrity(DIGEST_PERIOD, Duration.ofSeconds(1), home.resolve("audit-signing.key")), CallLimits.Limits.DEFAULT,
                        home.resolve("audit.credential")).withDetectionWebhookAddresses(AddressPolicy.allowingPrivate()));
                RevocationSettings revocationSettings = new RevocationSettings("127.0.0.1", FreePorts.next(),
                        new DatabaseSettings(SharedInfrastructure.postgres().database("e2e_revocation"), "postgres", "postgres", 4),
                        KafkaCluster.plaintext(kafka), (short) 1, 3, issuerUrl, CallLimits.Limits.DEFAULT, home.resolve("revocation.credential"));
                RevocationService revocation = RevocationService.start(revocationSettings, Clock.systemUTC());
                platform = new Platform(issuer, audit, revocation, revocationSettings, home.resolve("token.keys"));
                SharedInfrastructure.closeFirst(issuer);
                SharedInfrastructure.closeFirst(audit);
                SharedInfrastructure.closeFirst(revocation);
            } catch (Exception e) {
                throw new IllegalStateException("the platform did not start", e);
            }
        }
        return platform;
    }

    /** The issuer's public keys for session claims: what a verifier is given a copy of. */
    Path signingPublicKeysFile() {
        return tokenKeysFile.resolveSibling("issuer-signing.pub");
    }

    URI issuerUrl() {
        return URI.create("http://127.0.0.1:" + issuer.port());
    }

    URI auditUrl() {
        return URI.create("http://127.0.0.1:" + audit.port());
    }

    URI revocationUrl() {
        return URI.create("http://127.0.0.1:" + revocation.port());
    }

    /** The services' management listeners (the admin API, /metrics), by the settings that name their URLs for the CLI. */
    Map<String, String> managementUrls() {
        return Map.of("MAYFLY_ISSUER_MANAGEMENT_URL", "http://127.0.0.1:" + issuer.managementPort(),
                "MAYFLY_AUDIT_MANAGEMENT_URL", "http://127.0.0.1:" + audit.managementPort(),
                "MAYFLY_REVOCATION_MANAGEMENT_URL", "http://127.0.0.1:" + revocation.managementPort());
    }
}
