package dev.mayfly.dev;

import dev.mayfly.audit.AuditService;
import dev.mayfly.audit.AuditSettings.Integrity;
import dev.mayfly.audit.AuditSettings.Storage;
import dev.mayfly.audit.AuditSettings;
import dev.mayfly.audit.projection.AuditIndices.Period;
import dev.mayfly.audit.projection.ElasticsearchConnection;
import dev.mayfly.embedded.EmbeddedElasticsearch;
import dev.mayfly.embedded.EmbeddedKafka;
import dev.mayfly.embedded.EmbeddedPostgres;
import dev.mayfly.embedded.FreePorts;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.issuer.IssuerService;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.revocation.RevocationService;
import dev.mayfly.revocation.RevocationSettings;
import dev.mayfly.runtime.audit.CallLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The whole platform on infrastructure of its own (not {@link Platform}'s shared one, which other tests use): each
 * infrastructure part, the audit service and the revocation service can be stopped, and started again on the same port
 * and data directory, as an operator's restart would.
 */
final class StoppablePlatform implements AutoCloseable {

    /** What can be stopped and started again. */
    enum Part { KAFKA, ELASTICSEARCH, POSTGRES, AUDIT, REVOCATION }

    private interface Start {
        AutoCloseable start() throws Exception;
    }

    private final Map<Part, Start> starts = new EnumMap<>(Part.class);
    private final Map<Part, AutoCloseable> running = new EnumMap<>(Part.class);
    private final IssuerService issuer;
    private final int auditPort = FreePorts.next();
    private final int revocationPort = FreePorts.next();
    private final KafkaCluster kafka;

    /**
     * @param revocationMaxAge how long the issuer's revocation feed may go without news from Kafka before it fails closed
     * @param digestPeriod     how often the audit service seals a digest
     */
    StoppablePlatform(Path home, Duration revocationMaxAge, Duration digestPeriod) throws Exception {
        int postgresPort = FreePorts.next();
        int kafkaPort = FreePorts.next();
        int elasticsearchPort = FreePorts.next();
        starts.put(Part.POSTGRES, () -> EmbeddedPostgres.start(home.resolve("postgres"), postgresPort));
        starts.put(Part.KAFKA, () -> EmbeddedKafka.start(home.resolve("kafka"), kafkaPort));
        starts.put(Part.ELASTICSEARCH, () -> EmbeddedElasticsearch.start(home.resolve("elasticsearch"), elasticsearchPort));
        for (Part part : List.of(Part.POSTGRES, Part.KAFKA, Part.ELASTICSEARCH)) {
            start(part);
        }
        EmbeddedPostgres postgres = (EmbeddedPostgres) running.get(Part.POSTGRES);
        String kafka = "127.0.0.1:" + kafkaPort;
        this.kafka = KafkaCluster.plaintext(kafka);
        issuer = IssuerService.start(new IssuerSettings("127.0.0.1", FreePorts.next(),
                new DatabaseSettings(postgres.database("faults_issuer"), "postgres", "postgres", 8), KafkaCluster.plaintext(kafka), (short) 1, 3,
                home.resolve("token.keys"), home.resolve("vault.keys"), home.resolve("admin-token"), revocationMaxAge, true),
                Clock.systemUTC());
        AuditSettings audit = new AuditSettings("127.0.0.1", auditPort, KafkaCluster.plaintext(kafka), ElasticsearchConnection.unauthenticated("http://127.0.0.1:" + elasticsearchPort),
                issuerUrl().toString(), "mayfly-audit", new Storage(Period.DAY, Duration.ofDays(90)),
                new Integrity(digestPeriod, Duration.ofSeconds(1), home.resolve("audit-signing.key")), CallLimits.Limits.DEFAULT,
                home.resolve("audit.credential"));
        PrivateFiles.write(home.resolve("audit.credential"), issuer.serviceCredential("audit").fileText());
        PrivateFiles.write(home.resolve("revocation.credential"), issuer.serviceCredential("revocation").fileText());
        starts.put(Part.AUDIT, () -> AuditService.start(audit));
        start(Part.AUDIT);
        RevocationSettings revocation = new RevocationSettings("127.0.0.1", revocationPort,
                new DatabaseSettings(postgres.database("faults_revocation"), "postgres", "postgres", 4), KafkaCluster.plaintext(kafka), (short) 1, 3,
                issuerUrl().toString(), CallLimits.Limits.DEFAULT, home.resolve("revocation.credential"));
        starts.put(Part.REVOCATION, () -> RevocationService.start(revocation, Clock.systemUTC()));
        start(Part.REVOCATION);
    }

    void stop(Part part) throws Exception {
        running.remove(part).close();
    }

    void start(Part part) throws Exception {
        running.put(part, starts.get(part).start());
    }

    IssuerService issuer() {
        return issuer;
    }

    URI issuerUrl() {
        return URI.create("http://127.0.0.1:" + issuer.port());
    }

    URI revocationUrl() {
        return URI.create("http://127.0.0.1:" + revocationPort);
    }

    KafkaCluster kafka() {
        return kafka;
    }

    URI auditUrl() {
        return URI.create("http://127.0.0.1:" + auditPort);
    }

    URI elasticsearchUrl() {
        return URI.create(((EmbeddedElasticsearch) running.get(Part.ELASTICSEARCH)).httpUrl());
    }

    /** The services first, so that none is left waiting on infrastructure already gone. */
    @Override
    public void close() throws Exception {
        for (Part service : List.of(Part.REVOCATION, Part.AUDIT)) {
            if (running.containsKey(service)) {
                stop(service);
            }
        }
        issuer.close();
        for (Part part : List.of(Part.ELASTICSEARCH, Part.KAFKA, Part.POSTGRES)) {
            if (running.containsKey(part)) {
                stop(part);
            }
        }
    }
}
