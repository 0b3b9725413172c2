package dev.mayfly.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.projection.ElasticsearchConnection;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.runtime.audit.CallLimits;
import dev.mayfly.contract.ServiceCredential;
import dev.mayfly.audit.AuditSettings.Integrity;
import dev.mayfly.audit.AuditSettings.Storage;
import dev.mayfly.audit.projection.AuditElasticsearch;
import dev.mayfly.audit.projection.AuditIndices;
import dev.mayfly.audit.projection.AuditIndices.Period;
import dev.mayfly.audit.projection.Rebuild;
import dev.mayfly.audit.projection.DeadLetters;
import dev.mayfly.audit.projection.RecordWriter;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.contract.Json;
import dev.mayfly.embedded.EmbeddedElasticsearch;
import dev.mayfly.embedded.FreePorts;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.runtime.KafkaTopics;
import dev.mayfly.runtime.audit.ApiCallSender;
import dev.mayfly.audit.projection.ApiCalls;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.kafka.signed.RecordVerifier;
import dev.mayfly.kafka.signed.RefusedRecords;
import dev.mayfly.signing.PublicKeyFile;
import dev.mayfly.signing.PublishedKeyRing;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The projection through an Elasticsearch outage, on its own node and consumer group: calls made while the node is
 * down wait in Kafka, the service says it is not ready (yet alive), and once the node is back every record is there exactly once.
 * Then a rebuild from the topic writes everything again without a duplicate.
 */
class ElasticsearchOutageTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final String account = String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));

    @TempDir
    Path home;

    private ApiCallRecorded call(int i) {
        return new ApiCallRecorded(UUID.randomUUID().toString(), Instant.now(), "sts.amazonaws.com", "GetCallerIdentity", "us-east-1",
                "192.0.2.1", "test", "req-" + i, new UserIdentity("Root", account, "arn:aws:iam::" + account + ":root", account, "AKIA",
                null, null), Map.of(), Map.of(), null, null, List.of(), true, account);
    }

    private long stored(String elasticsearchUrl) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(elasticsearchUrl + "/mayfly-cloudtrail-*/_search"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"size":0,"track_total_hits":true,"query":{"term":{"recipientAccountId":"%s"}},
                         "aggs":{"ids":{"cardinality":{"field":"eventID"}}}}""".formatted(account))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = Json.mapper().readTree(response.body());
        long total = body.path("hits").path("total").path("value").asLong();
        assertThat(body.path("aggregations").path("ids").path("value").asLong()).as("no duplicate").isEqualTo(total);
        return total;
    }

    private int probe(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static void await(Duration within, ThrowingCheck check) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (!check.passes()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + within);
            }
            Thread.sleep(100);
        }
    }

    @FunctionalInterface
    private interface ThrowingCheck {
        boolean passes() throws Exception;
    }

    /** A credential for the issuer's decisions, which this test never asks for (no issuer runs). */
    private Path credential() throws java.io.IOException {
        Path file = home.resolve("audit.credential");
        PrivateFiles.write(file, new ServiceCredential("audit", "0".repeat(64)).fileText());
        return file;
    }

    @Test
    void projectionWhenElasticsearchDownThenCatchesUpWithoutLossOrDuplicateAndRebuildAddsNone() throws Exception {
        KafkaCluster kafka = KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers());
        KafkaTopics.ensure(kafka, KafkaTopics.mayflyTopics(3, (short) 1));
        int port = FreePorts.next();
        EmbeddedElasticsearch node = EmbeddedElasticsearch.start(home.resolve("es"), port);
        String url = node.httpUrl();
        AuditSettings settings = new AuditSettings("127.0.0.1", FreePorts.next(), kafka, ElasticsearchConnection.unauthenticated(url),
                "http://127.0.0.1:1", "outage-" + UUID.randomUUID(), new Storage(Period.DAY, Duration.ofDays(90)),
                new Integrity(Duration.ofSeconds(2), Duration.ofSeconds(1), home.resolve("audit.key")), CallLimits.Limits.DEFAULT,
                credential());
        AuditService audit = AuditService.start(settings);
        // calls recorded as the audit service records its own, signed with its key
        RecordSigner auditKeys = new RecordSigner(new PublishedKeyRing(settings.signingKeysFile(), settings.signingPublicKeysFile())
                .loadOrCreate(Instant.now()), Clock.systemUTC());
        try (ApiCallSender sender = new ApiCallSender(kafka, "outage-test", auditKeys)) {
            for (int i = 0; i < 20; i++) {
                sender.send(call(i));
            }
            await(Duration.ofSeconds(30), () -> stored(url) == 20);

            node.close();
            for (int i = 20; i < 50; i++) {
                sender.send(call(i));
            }
            await(Duration.ofSeconds(30), () -> probe(audit.port(), "/readyz") == 503);
            assertThat(probe(audit.port(), "/healthz")).isEqualTo(503);
            assertThat(probe(audit.port(), "/livez")).as("a liveness probe never asks Elasticsearch: restarting would not bring it back")
                    .isEqualTo(200);

            node = EmbeddedElasticsearch.start(home.resolve("es"), port);
            await(Duration.ofSeconds(60), () -> stored(url) == 50);
            await(Duration.ofSeconds(30), () -> probe(audit.port(), "/readyz") == 200);

            try (AuditElasticsearch elasticsearch = AuditElasticsearch.open(ElasticsearchConnection.unauthenticated(url))) {
                AtomicLong reported = new AtomicLong();
                long written = new Rebuild(new RecordWriter(elasticsearch, new AuditIndices(elasticsearch.client(), Period.DAY),
                        new DeadLetters(elasticsearch, Clock.systemUTC()).install(), "rebuild"),
                        (read, total, records) -> reported.set(read)).fromTopic(kafka, new ApiCalls(new RecordVerifier(
                        settings.eventProducersPublicKeysFiles().stream().map(PublicKeyFile::watch).toList(), new RefusedRecords())));
                assertThat(written).isGreaterThanOrEqualTo(50);
                assertThat(reported.get()).isGreaterThanOrEqualTo(50);
            }
            HTTP.send(HttpRequest.newBuilder(URI.create(url + "/_refresh")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(stored(url)).isEqualTo(50);
        } finally {
            audit.close();
            node.close();
        }
    }
}
