package dev.mayfly.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.AccountCalls;
import dev.mayfly.audit.projection.ApiCalls;
import dev.mayfly.audit.projection.AuditElasticsearch;
import dev.mayfly.audit.projection.ElasticsearchConnection;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.kafka.signed.RecordVerifier;
import dev.mayfly.kafka.signed.RefusedRecords;
import dev.mayfly.runtime.KafkaTopics;
import dev.mayfly.runtime.audit.ApiCallSender;
import dev.mayfly.signing.PublicKeyFile;
import dev.mayfly.signing.PublishedKeyRing;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worst case the lease is there to prevent, made on purpose: two digesters that both believe they seal (each holds
 * a lease of its own name, as a former holder paused past its lease still believes it holds the shared one), reading
 * the same records into the same digests index. Every digest one stores where the other stored one already is refused;
 * the refused one resumes from the store. The chain stays one and validates.
 */
class DigesterSplitBrainTest {

    private static final Duration PERIOD = Duration.ofSeconds(1);

    @TempDir
    Path home;

    @Test
    void sealWhenTwoDigestersBothBelieveTheyHoldTheLeaseThenTheChainStaysOneAndValidates() throws Exception {
        KafkaCluster kafka = KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers());
        KafkaTopics.ensure(kafka, KafkaTopics.mayflyTopics(3, (short) 1));
        RecordSigner producerKeys = new RecordSigner(new PublishedKeyRing(home.resolve("feed.keys"), home.resolve("feed.pub"))
                .loadOrCreate(Instant.now()), Clock.systemUTC());
        ApiCalls calls = new ApiCalls(new RecordVerifier(List.of(PublicKeyFile.watch(home.resolve("feed.pub"))), new RefusedRecords()));
        AccountCalls account = new AccountCalls();
        DigestSigner left = DigestSigner.fromFile(home.resolve("left.key"));
        DigestSigner right = DigestSigner.fromFile(home.resolve("right.key"));
        String run = UUID.randomUUID().toString();
        try (AuditElasticsearch elasticsearch = AuditElasticsearch.open(ElasticsearchConnection.unauthenticated(
                SharedInfrastructure.elasticsearch().httpUrl()));
                ApiCallSender sender = new ApiCallSender(kafka, "split-brain-test", producerKeys)) {
            DigestStore store = new DigestStore(elasticsearch.client()).install();
            Digester leftDigester = digester(kafka, "split-left-" + run, store, left, calls, elasticsearch);
            Digester rightDigester = digester(kafka, "split-right-" + run, store, right, calls, elasticsearch);
            try {
                Instant from = Instant.now().minusSeconds(1);
                for (int i = 0; i < 15; i++) {
                    sender.send(account.next());
                    Thread.sleep(200);
                }
                Instant to = Instant.now();

                List<JsonNode> stored = account.awaitDigested(store, from, to);
                ValidationReport report = new DigestValidation(Map.of(left.fingerprint(), left.publicKeyDer(),
                        right.fingerprint(), right.publicKeyDer()), Duration.ofSeconds(30))
                        .validateStored(stored, account.records(), from, to, Instant.now());

                assertThat(report.intact()).as(report.toString()).isTrue();
                assertThat(report.records()).isEqualTo(15);
                List<String> previous = stored.stream().map(d -> d.path("previousDigestSignature").asText("none")).toList();
                assertThat(new HashSet<>(previous)).as("no digest has two successors").hasSameSizeAs(previous);
                System.out.printf("split brain: %d digests, by key %s%n", stored.size(), stored.stream()
                        .collect(Collectors.groupingBy(d -> d.path("keyFingerprint").asText().substring(0, 8), Collectors.counting())));
            } finally {
                leftDigester.close();
                rightDigester.close();
            }
        }
    }

    private static Digester digester(KafkaCluster kafka, String name, DigestStore store, DigestSigner signer, ApiCalls calls,
                                     AuditElasticsearch elasticsearch) throws Exception {
        DigesterLease lease = DigesterLease.start(elasticsearch.client(), name, Duration.ofSeconds(3), 0);
        return Digester.start(kafka, name, store, signer, calls, lease, PERIOD, Duration.ofSeconds(1), Clock.systemUTC());
    }
}
