package dev.mayfly.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.AuditSettings.Integrity;
import dev.mayfly.audit.AuditSettings.Storage;
import dev.mayfly.audit.integrity.DigestSigner;
import dev.mayfly.audit.integrity.DigestStore;
import dev.mayfly.audit.integrity.DigestValidation;
import dev.mayfly.audit.integrity.ValidationReport;
import dev.mayfly.audit.projection.AuditElasticsearch;
import dev.mayfly.audit.projection.AuditIndices.Period;
import dev.mayfly.audit.projection.ElasticsearchConnection;
import dev.mayfly.contract.Json;
import dev.mayfly.contract.ServiceCredential;
import dev.mayfly.embedded.FreePorts;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.runtime.KafkaTopics;
import dev.mayfly.runtime.audit.ApiCallSender;
import dev.mayfly.runtime.audit.CallLimits;
import dev.mayfly.signing.PublishedKeyRing;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two audit services of one deployment (one consumer group) on the shared broker and Elasticsearch node: one seals
 * digests, the other stands by, healthy. Killed with SIGKILL (the active one runs as a process of its own, AuditMain
 * configured by its environment, as in production), the active one is replaced within the lease's duration and the
 * chain goes on from its last digest and validates end to end; stopped cleanly, it is replaced at the standby's next
 * check. The lease is 3 seconds here (MAYFLY_AUDIT_DIGESTER_LEASE_SECONDS), 30 by default.
 */
class DigesterFailoverTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PERIOD = Duration.ofSeconds(2);
    private static final Duration LEASE = Duration.ofSeconds(3);

    @TempDir
    Path home;
    private final String group = "failover-" + UUID.randomUUID();
    private final AccountCalls account = new AccountCalls();
    private KafkaCluster kafka;
    private Path credential;
    private RecordSigner producerKeys;

    @BeforeEach
    void keys() throws IOException {
        kafka = KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers());
        KafkaTopics.ensure(kafka, KafkaTopics.mayflyTopics(3, (short) 1));
        credential = home.resolve("keys").resolve("audit.credential");
        Files.createDirectories(credential.getParent());
        PrivateFiles.write(credential, new ServiceCredential("audit", "0".repeat(64)).fileText());
        // the calls are recorded as the audit service records its own, with the feed keys both services share
        AuditSettings any = settings("any");
        producerKeys = new RecordSigner(new PublishedKeyRing(any.signingKeysFile(), any.signingPublicKeysFile()).loadOrCreate(Instant.now()),
                Clock.systemUTC());
    }

    /** An audit service of the deployment, with a digest signing key of its own, so that each digest says who sealed it. */
    private AuditSettings settings(String name) {
        return new AuditSettings("127.0.0.1", FreePorts.next(), kafka,
                ElasticsearchConnection.unauthenticated(SharedInfrastructure.elasticsearch().httpUrl()), "http://127.0.0.1:1", group,
                new Storage(Period.DAY, Duration.ofDays(90)), new Integrity(PERIOD, Duration.ofSeconds(1), home.resolve(name + ".key"), LEASE),
                CallLimits.Limits.DEFAULT, credential);
    }

    /** The same settings as the environment of an AuditMain process. */
    private Process startProcess(AuditSettings settings, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AuditMain.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                "MAYFLY_HOME", home.resolve("process-home").toString(),
                "MAYFLY_AUDIT_PORT", Integer.toString(settings.port()),
                "MAYFLY_AUDIT_MANAGEMENT_PORT", Integer.toString(FreePorts.next()),
                KafkaCluster.BOOTSTRAP, kafka.bootstrapServers(),
                ElasticsearchConnection.URL, SharedInfrastructure.elasticsearch().httpUrl(),
                "MAYFLY_ISSUER_URL", settings.issuerUrl(),
                "MAYFLY_AUDIT_CONSUMER_GROUP", group,
                "MAYFLY_AUDIT_DIGEST_PERIOD_SECONDS", Long.toString(PERIOD.toSeconds()),
                "MAYFLY_AUDIT_DIGEST_SETTLE_SECONDS", "1",
                "MAYFLY_AUDIT_SIGNING_KEY", settings.integrity().signingKeyFile().toString()));
        builder.environment().put("MAYFLY_AUDIT_DIGESTER_LEASE_SECONDS", Long.toString(LEASE.toSeconds()));
        builder.environment().put("MAYFLY_AUDIT_SERVICE_CREDENTIAL_FILE", credential.toString());
        return builder.start();
    }

    /** What the service's readiness probe says, or null while it does not answer. */
    private static JsonNode health(int port) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String digester(int port) {
        JsonNode health = health(port);
        return health == null ? "not answering" : health.path("digester").asText();
    }

    private static String metrics(int managementPort) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Milliseconds until the service's digester says so. */
    private static long awaitDigester(int port, String role, Duration within) throws InterruptedException {
        long start = System.nanoTime();
        while (!role.equals(digester(port))) {
            if (System.nanoTime() - start > within.toNanos()) {
                throw new AssertionError("the digester on port " + port + " not " + role + " within " + within + ": " + digester(port));
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** A standby is healthy: it does not make the service DEGRADED, and its gauge says 0. */
    private static void assertHealthyStandby(AuditService service) throws Exception {
        JsonNode health = health(service.port());
        assertThat(health.path("digester").asText()).isEqualTo("standby");
        assertThat(health.path("digesterSealing").asBoolean()).as(health.toString()).isTrue();
        assertThat(health.path("status").asText()).as(health.toString())
                .isEqualTo(health.path("recordsSetAside").asLong() == 0 ? "UP" : "DEGRADED");   // records set aside by other tests
        assertThat(metrics(service.managementPort())).containsPattern("(?m)^mayfly_audit_digester_active\\{[^}]*} 0\\.0$");
    }

    private void call(ApiCallSender sender, int calls) throws InterruptedException {
        for (int i = 0; i < calls; i++) {
            sender.send(account.next());
            Thread.sleep(100);
        }
    }

    @Test
    void activeWhenKilledThenTheStandbyTakesOverWithinTheLeaseAndTheChainValidatesEndToEnd() throws Exception {
        AuditSettings first = settings("first");
        AuditSettings second = settings("second");
        Path log = home.resolve("first.log");
        Process process = startProcess(first, log);
        try (AuditElasticsearch elasticsearch = AuditElasticsearch.open(first.elasticsearch());
                ApiCallSender sender = new ApiCallSender(kafka, "failover-test", producerKeys)) {
            try {
                awaitDigester(first.port(), "active", Duration.ofSeconds(120));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; its log: " + Files.readString(log), e);
            }
            DigestStore store = new DigestStore(elasticsearch.client());
            try (AuditService standby = AuditService.start(second)) {
                awaitDigester(second.port(), "standby", Duration.ofSeconds(30));
                Instant from = Instant.now().minusSeconds(1);
                call(sender, 5);
                account.awaitDigested(store, from, Instant.now());
                assertHealthyStandby(standby);

                process.destroyForcibly();   // SIGKILL: no lease released, no offsets committed
                long killed = System.nanoTime();
                process.waitFor();
                long takeover = awaitDigester(second.port(), "active", Duration.ofSeconds(60));
                call(sender, 5);
                Instant to = Instant.now();
                List<JsonNode> stored = account.awaitDigested(store, from, to);
                long allSealed = (System.nanoTime() - killed) / 1_000_000;

                String firstKey = DigestSigner.fromFile(first.integrity().signingKeyFile()).fingerprint();
                DigestSigner secondSigner = DigestSigner.fromFile(second.integrity().signingKeyFile());
                ValidationReport report = new DigestValidation(Map.of(firstKey,
                        DigestSigner.fromFile(first.integrity().signingKeyFile()).publicKeyDer(),
                        secondSigner.fingerprint(), secondSigner.publicKeyDer()), Duration.ofSeconds(30))
                        .validateStored(stored, account.records(), from, to, Instant.now());
                assertThat(report.intact()).as(report.toString()).isTrue();
                assertThat(report.records()).isEqualTo(10);
                assertThat(stored).extracting(d -> d.path("keyFingerprint").asText()).as("sealed by the first, then by the second")
                        .contains(firstKey, secondSigner.fingerprint());
                List<String> previous = stored.stream().map(d -> d.path("previousDigestSignature").asText("none")).toList();
                assertThat(new HashSet<>(previous)).as("no digest has two successors").hasSameSizeAs(previous);
                assertThat(Duration.ofMillis(takeover)).as("within the lease and two checks").isLessThan(LEASE.plus(LEASE.dividedBy(3)).plusSeconds(2));
                System.out.printf("killed with SIGKILL: the standby sealing after %d ms (lease %s); every call after the kill digested %d ms after it%n",
                        takeover, LEASE, allSealed);
            }
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void activeWhenStoppedCleanlyThenTheStandbyTakesOverAtItsNextCheck() throws Exception {
        AuditSettings second = settings("second");
        AuditService active = AuditService.start(settings("first"));
        boolean stopped = false;
        try {
            awaitDigester(active.port(), "active", Duration.ofSeconds(30));
            try (AuditService standby = AuditService.start(second)) {
                awaitDigester(second.port(), "standby", Duration.ofSeconds(30));
                assertHealthyStandby(standby);

                active.close();
                stopped = true;
                long handover = awaitDigester(second.port(), "active", Duration.ofSeconds(30));

                assertThat(Duration.ofMillis(handover)).as("at the next check, not after the lease's duration").isLessThan(LEASE);
                System.out.printf("stopped cleanly: the standby sealing after %d ms (lease %s)%n", handover, LEASE);
            }
        } finally {
            if (!stopped) {
                active.close();
            }
        }
    }
}
