package dev.mayfly.audit.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.projection.AuditIndices.Period;
import dev.mayfly.audit.projection.Delivery.Origin;
import dev.mayfly.audit.projection.RecordWriter.Written;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.ApiCallRecorded.SessionContext;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.embedded.SharedInfrastructure;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The projection's writes, on the shared Elasticsearch node, each test in a day of its own (its own index). */
class RecordWriterTest {

    private final String account = String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
    /** A day long past and different for every test, so that no other test writes to its index. */
    private final Instant day = Instant.parse("2001-01-01T00:00:00Z").plus(Math.abs(UUID.randomUUID().getLeastSignificantBits() % 3_000), ChronoUnit.DAYS);
    private AuditElasticsearch elasticsearch;
    private ElasticsearchClient client;
    private AuditIndices indices;
    private DeadLetters deadLetters;
    private RecordWriter writer;

    @BeforeEach
    void openIndex() throws IOException {
        elasticsearch = AuditElasticsearch.open(ElasticsearchConnection.unauthenticated(SharedInfrastructure.elasticsearch().httpUrl()));
        client = elasticsearch.client();
        indices = new AuditIndices(client, Period.DAY);
        indices.installTemplate();
        deadLetters = new DeadLetters(elasticsearch, Clock.systemUTC()).install();
        writer = new RecordWriter(elasticsearch, indices, deadLetters, "test");
    }

    @AfterEach
    void deleteIndex() throws IOException {
        String index = indices.indexFor(day);
        client.indices().delete(d -> d.index(index));
        elasticsearch.close();
    }

    private List<Delivery> calls(int count) {
        return IntStream.range(0, count).mapToObj(i -> call(i, null)).toList();
    }

    /** A call; with a session created at {@code sessionCreated} when that is not null. */
    private Delivery call(int i, Instant sessionCreated) {
        SessionContext session = sessionCreated == null ? null : new SessionContext(null, sessionCreated, false, null);
        return Delivery.of(new ApiCallRecorded(UUID.randomUUID().toString(), day.plusSeconds(i),
                "sts.amazonaws.com", "GetCallerIdentity", "us-east-1", "192.0.2.1", "test", "req-" + i,
                new UserIdentity("Root", account, "arn:aws:iam::" + account + ":root", account, "AKIA", null, session),
                Map.of(), Map.of(), null, null, List.of(), true, account), Origin.EVENT_STORE, null);
    }

    private JsonNode setAside(String eventId) throws IOException {
        client.indices().refresh(r -> r.index(DeadLetters.INDEX));
        var hits = client.search(s -> s.index(DeadLetters.INDEX).query(q -> q.term(t -> t.field("eventID").value(eventId))), JsonNode.class)
                .hits().hits();
        return hits.isEmpty() ? null : hits.getFirst().source();
    }

    private long stored() throws IOException {
        String index = indices.indexFor(day);
        client.indices().refresh(r -> r.index(index));
        return client.count(c -> c.index(index)).count();
    }

    @Test
    void writeWhenTheSameCallsWrittenTwiceThenOneRecordEach() throws IOException {
        List<Delivery> calls = calls(300);

        assertThat(writer.write(calls)).isEqualTo(new Written(300, 0));
        assertThat(writer.write(calls)).isEqualTo(new Written(300, 0));

        assertThat(stored()).isEqualTo(300);
    }

    @Test
    void writeWhenElasticsearchRefusesARecordForWhatItIsThenItIsSetAsideAndTheOthersWritten() throws IOException {
        Delivery poison = call(1, Instant.parse("+20000-01-01T00:00:00Z"));   // a creationDate no date field takes

        Written written = writer.write(List.of(call(0, null), poison, call(2, null)));

        assertThat(written).isEqualTo(new Written(2, 1));
        assertThat(stored()).isEqualTo(2);
        JsonNode letter = setAside(poison.call().orElseThrow().eventId());
        assertThat(letter.path("reader").asText()).isEqualTo("test");
        assertThat(letter.path("reason").asText()).contains("Elasticsearch refused it");
        assertThat(letter.path("raw").asText()).contains("+20000-01-01T00:00:00Z");
        assertThat(letter.path("recipientAccountId").asText()).isEqualTo(account);
    }

    @Test
    void writeWhenARecordReadsAsNoCallThenItIsSetAsideWithItsBytesAndPosition() throws IOException {
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0, 'g', 'a', 'r', 'b', 'a', 'g', 'e'};
        Origin origin = new Origin("mayfly.events", 0, Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        Delivery unreadable = Delivery.unreadable("unreadable: JsonParseException", origin, garbage);

        Written written = writer.write(List.of(call(0, null), unreadable));

        assertThat(written).isEqualTo(new Written(1, 1));
        JsonNode letter = client.get(g -> g.index(DeadLetters.INDEX).id(origin.position()), JsonNode.class).source();
        assertThat(Base64.getDecoder().decode(letter.path("rawBase64").asText())).isEqualTo(garbage);
        assertThat(letter.path("offset").asLong()).isEqualTo(origin.offset());
        assertThat(deadLetters.held()).isPositive();
    }

    @Test
    void writeWhenElasticsearchBlocksWritesThenThrowsAndSetsNothingAside() throws IOException {
        String index = indices.indexFor(day);
        client.indices().putSettings(s -> s.index(index).settings(t -> t.blocks(b -> b.write(true))));
        try {
            long held = deadLetters.held();
            assertThatThrownBy(() -> writer.write(calls(2))).isInstanceOf(IOException.class).hasMessageContaining("refused record");
            assertThat(deadLetters.held()).isEqualTo(held);
        } finally {
            client.indices().putSettings(s -> s.index(index).settings(t -> t.blocks(b -> b.write(false))));
        }
    }

    @Test
    void writeWhenNoAccountCanBeHeldToACallThenItGoesToTheOperatorsTrailOnly() throws IOException {
        Delivery anonymous = Delivery.of(new ApiCallRecorded(UUID.randomUUID().toString(), day, "sts.amazonaws.com",
                "GetCallerIdentity", "us-east-1", "192.0.2.9", "test", "req-anonymous", null, Map.of(), null,
                "MissingAuthenticationToken", "Request is missing Authentication Token", List.of(), true, null), Origin.EVENT_STORE, null);

        assertThat(writer.write(List.of(anonymous, call(1, null)))).isEqualTo(new Written(2, 0));

        String operatorIndex = indices.indexFor(null, day);
        client.indices().refresh(r -> r.index(operatorIndex));
        assertThat(operatorIndex).startsWith(AuditIndices.OPERATOR_PREFIX);
        assertThat(client.count(c -> c.index(operatorIndex)).count()).isEqualTo(1);
        assertThat(stored()).as("the tenants' index of the day").isEqualTo(1);
        client.indices().delete(d -> d.index(operatorIndex));
    }

    @Test
    void writeWhenNoCallsThenNothingSent() throws IOException {
        assertThat(writer.write(List.of())).isEqualTo(new Written(0, 0));
    }

    @Test
    void writeWhenBatchLargerThanOneBulkThenSeveralBulkRequestsAndEveryRecordStored() throws IOException {
        List<Delivery> batch = calls(30);
        writer.write(calls(1));
        String index = indices.indexFor(day);
        long bulksBefore = bulks(index);
        RecordWriter small = new RecordWriter(elasticsearch, indices, deadLetters, "test", 4 * 1024);

        Written written = small.write(batch);

        assertThat(written.records()).isEqualTo(30);
        assertThat(stored()).isEqualTo(31);
        assertThat(bulks(index) - bulksBefore).isGreaterThan(1);
    }

    /** How many bulk requests the index's primary shards have taken. */
    private long bulks(String index) throws IOException {
        return client.indices().stats(s -> s.index(index)).indices().get(index).primaries().bulk().totalOperations();
    }
}
