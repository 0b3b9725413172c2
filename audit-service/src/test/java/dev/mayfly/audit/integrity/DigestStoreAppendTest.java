package dev.mayfly.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.integrity.Digest.Entry;
import dev.mayfly.audit.projection.AuditElasticsearch;
import dev.mayfly.audit.projection.ElasticsearchConnection;
import dev.mayfly.embedded.SharedInfrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The digests index on the shared Elasticsearch node, an account of its own per test: a digest is stored after its
 * previous one only if no other digest is there yet, which is what keeps a paused former digester from forking a chain.
 */
class DigestStoreAppendTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private final String account = String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
    private final Instant start = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path keys;
    private AuditElasticsearch elasticsearch;
    private DigestStore store;
    private DigestSigner signer;

    @BeforeEach
    void open() throws Exception {
        elasticsearch = AuditElasticsearch.open(ElasticsearchConnection.unauthenticated(SharedInfrastructure.elasticsearch().httpUrl()));
        store = new DigestStore(elasticsearch.client()).install();
        signer = DigestSigner.fromFile(keys.resolve("audit-signing.key"));
    }

    @AfterEach
    void close() throws Exception {
        elasticsearch.close();
    }

    private static Map<String, Object> record(String eventId, Instant time) {
        return Map.of("eventID", eventId, "eventTime", time.toString(), "recipientAccountId", "000000000000");
    }

    private Digest digest(int period, Digest previous, List<Map<String, Object>> records) {
        List<Entry> entries = records.stream()
                .map(r -> new Entry((String) r.get("eventID"), (String) r.get("eventTime"), RecordHash.of(r))).toList();
        Instant periodStart = start.plus(HOUR.multipliedBy(period));
        return signer.sign(new Digest(account, periodStart, periodStart.plus(HOUR), 0, true, entries,
                previous == null ? null : previous.signature(), signer.fingerprint(), DigestSigner.ALGORITHM, Instant.now(), null));
    }

    @Test
    void appendWhenAnotherDigestFollowsTheSamePreviousThenRefusedAndTheChainStaysOne() throws Exception {
        Map<String, Object> first = record("first", start.plusSeconds(10));
        Map<String, Object> second = record("second", start.plus(HOUR).plusSeconds(10));
        Digest genesis = digest(0, null, List.of(first));
        Digest next = digest(1, genesis, List.of(second));

        assertThat(store.append(genesis)).isTrue();
        assertThat(store.append(digest(1, null, List.of(second)))).as("a second first digest of the account").isFalse();
        assertThat(store.append(next)).isTrue();
        // a former digester, paused past its lease with other records in memory, seals after the same digest
        assertThat(store.append(digest(1, genesis, List.of(second, record("third", start.plus(HOUR).plusSeconds(20)))))).isFalse();
        assertThat(store.append(next)).as("the same digest again, as a write whose answer was lost is retried").isFalse();

        store.refresh();
        List<JsonNode> stored = store.digests(account, start, start.plus(HOUR.multipliedBy(2)));
        assertThat(stored).hasSize(2);
        ValidationReport report = new DigestValidation(Map.of(signer.fingerprint(), signer.publicKeyDer()), HOUR)
                .validateStored(stored, List.of(first, second), start, start.plus(HOUR).plusSeconds(30), start.plus(HOUR.multipliedBy(2)));
        assertThat(report.intact()).as(report.toString()).isTrue();
        assertThat(store.latestPerAccount().get(account).signature()).isEqualTo(next.signature());
    }
}
