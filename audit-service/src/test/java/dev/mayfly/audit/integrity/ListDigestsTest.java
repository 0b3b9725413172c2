package dev.mayfly.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.audit.integrity.Digest.Entry;
import dev.mayfly.audit.projection.AuditElasticsearch;
import dev.mayfly.audit.projection.ElasticsearchConnection;
import dev.mayfly.audit.protocol.JsonOperation;
import dev.mayfly.audit.protocol.JsonProtocolException;
import dev.mayfly.contract.Json;
import dev.mayfly.embedded.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ListDigests on the shared Elasticsearch node, an account of its own: a window of any length is answered a page at a
 * time, so that one call over years of a busy account's digests (each part lists up to 10,000 records) cannot hold
 * them all in the service's memory at once.
 */
class ListDigestsTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private final String account = String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
    private final Instant start = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path keys;
    private AuditElasticsearch elasticsearch;
    private DigestStore store;
    private JsonOperation listDigests;

    @BeforeEach
    void open() throws Exception {
        elasticsearch = AuditElasticsearch.open(ElasticsearchConnection.unauthenticated(SharedInfrastructure.elasticsearch().httpUrl()));
        store = new DigestStore(elasticsearch.client()).install();
        listDigests = IntegrityOperations.listDigests(store);
        DigestSigner signer = DigestSigner.fromFile(keys.resolve("audit-signing.key"));
        Digest previous = null;
        for (int period = 0; period < IntegrityOperations.DIGESTS_PER_PAGE + 2; period++) {
            Instant periodStart = start.plus(HOUR.multipliedBy(period));
            Digest digest = signer.sign(new Digest(account, periodStart, periodStart.plus(HOUR), 0, true,
                    List.of(new Entry("event-" + period, periodStart.toString(), "hash")), previous == null ? null : previous.signature(),
                    signer.fingerprint(), DigestSigner.ALGORITHM, Instant.now(), null));
            assertThat(store.append(digest)).isTrue();
            previous = digest;
        }
        store.refresh();
    }

    @AfterEach
    void close() throws Exception {
        elasticsearch.close();
    }

    private JsonNode page(String token) throws Exception {
        return listDigests.handler().handle(account, Json.mapper().createObjectNode().put("From", "0001-01-01T00:00:00Z")
                .put("To", "9999-01-01T00:00:00Z").put("NextToken", token));
    }

    @Test
    void listDigestsWhenTheWindowHoldsMoreThanAPageThenPagedInOrder() throws Exception {
        JsonNode first = page(null);
        JsonNode second = page(first.path("NextToken").asText());

        assertThat(first.path("Digests")).hasSize(IntegrityOperations.DIGESTS_PER_PAGE);
        assertThat(second.path("Digests")).hasSize(2);
        assertThat(second.has("NextToken")).isFalse();
        List<String> events = new ArrayList<>();
        for (JsonNode page : List.of(first, second)) {
            page.path("Digests").forEach(digest -> events.add(digest.path("records").get(0).path("eventID").asText()));
        }
        assertThat(events).containsExactly("event-0", "event-1", "event-2", "event-3", "event-4", "event-5", "event-6", "event-7", "event-8",
                "event-9", "event-10", "event-11");
    }

    @Test
    void listDigestsWhenTheTokenIsForgedThenInvalidNextToken() throws Exception {
        String token = page(null).path("NextToken").asText();
        JsonNode decoded = Json.mapper().readTree(Base64.getUrlDecoder().decode(token));
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(((ObjectNode) decoded)
                .put("id", "not a part").toString().getBytes(StandardCharsets.UTF_8));

        for (String bad : List.of(forged, "%%%", "e30")) {
            assertThatThrownBy(() -> page(bad)).as(bad).isInstanceOfSatisfying(JsonProtocolException.class,
                    refused -> assertThat(refused.code()).isEqualTo("InvalidNextTokenException"));
        }
    }

    @Test
    void listDigestsWhenToIsTheLastDayOfYear9999ThenAnsweredNotFailed() throws Exception {
        JsonNode answer = listDigests.handler().handle(account, Json.mapper().createObjectNode().put("From", "9999-12-30T00:00:00Z")
                .put("To", "9999-12-31T23:59:59Z"));

        assertThat(answer.path("Digests")).isEmpty();
    }
}
