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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A digester that takes over chains idle for long (it was away for a day, or accounts made no call): it owes each of
 * them a day of empty periods. It says so in one digest per account, and goes on reading and sealing the records that
 * arrive meanwhile, instead of writing one digest per idle period (86,400 of them per account here) before anything else.
 */
class DigesterCatchUpTest {

    private static final Duration PERIOD = Duration.ofSeconds(1);
    private static final int IDLE_ACCOUNTS = 5;

    @TempDir
    Path home;

    @Test
    void takeOverWhenChainsIdleForADayThenOneDigestEachAndNewRecordsSealedMeanwhile() throws Exception {
        KafkaCluster kafka = KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers());
        KafkaTopics.ensure(kafka, KafkaTopics.mayflyTopics(3, (short) 1));
        RecordSigner producerKeys = new RecordSigner(new PublishedKeyRing(home.resolve("feed.keys"), home.resolve("feed.pub"))
                .loadOrCreate(Instant.now()), Clock.systemUTC());
        ApiCalls calls = new ApiCalls(new RecordVerifier(List.of(PublicKeyFile.watch(home.resolve("feed.pub"))), new RefusedRecords()));
        DigestSigner signer = DigestSigner.fromFile(home.resolve("digest.key"));
        String run = UUID.randomUUID().toString();
        try (AuditElasticsearch elasticsearch = AuditElasticsearch.open(ElasticsearchConnection.unauthenticated(
                SharedInfrastructure.elasticsearch().httpUrl()));
                ApiCallSender sender = new ApiCallSender(kafka, "catch-up-test", producerKeys)) {
            DigestStore store = new DigestStore(elasticsearch.client()).install();
            Instant dayAgo = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
            List<Digest> idle = new ArrayList<>();
            for (int i = 0; i < IDLE_ACCOUNTS; i++) {
                Digest genesis = signer.sign(new Digest(idleAccount(run, i), dayAgo, dayAgo.plus(PERIOD), 0, true, List.of(), null,
                        signer.fingerprint(), DigestSigner.ALGORITHM, dayAgo.plus(PERIOD), null));
                assertThat(store.append(genesis)).isTrue();
                idle.add(genesis);
            }
            DigesterLease lease = DigesterLease.start(elasticsearch.client(), "catch-up-" + run, Duration.ofSeconds(3), 0);
            try (Digester digester = Digester.start(kafka, "catch-up-" + run, store, signer, calls, lease, PERIOD, Duration.ofSeconds(1),
                    Clock.systemUTC())) {
                awaitDigestAfter(store, idle.getFirst());   // the digester has caught up with the topic and seals

                AccountCalls account = new AccountCalls();
                Instant from = Instant.now().minusSeconds(1);
                for (int i = 0; i < 3; i++) {
                    sender.send(account.next());
                }
                account.awaitDigested(store, from, from);

                for (Digest genesis : idle) {
                    JsonNode next = awaitDigestAfter(store, genesis);
                    assertThat(next.path("records")).as("nothing happened in a day").isEmpty();
                    assertThat(Instant.parse(next.path("periodEnd").asText())).as("a day of idle periods in one digest")
                            .isAfter(Instant.now().minus(Duration.ofMinutes(5)));
                }
            }
        }
    }

    private static String idleAccount(String run, int i) {
        return String.format("9%05d%06d", Math.floorMod(run.hashCode(), 100_000), i);
    }

    /** The digest that follows this one in its account's chain. */
    private static JsonNode awaitDigestAfter(DigestStore store, Digest previous) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            store.refresh();
            for (JsonNode digest : store.digests(previous.accountId(), previous.periodStart(), Instant.now().plusSeconds(30))) {
                if (previous.signature().equals(digest.path("previousDigestSignature").asText())) {
                    return digest;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no digest after the idle account " + previous.accountId() + "'s within a minute");
            }
            Thread.sleep(200);
        }
    }
}
