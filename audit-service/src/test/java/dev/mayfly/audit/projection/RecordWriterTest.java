package dev.mayfly.audit.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.mayfly.audit.projection.AuditIndices.Period;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.embedded.SharedInfrastructure;
import java.io.IOException;
import java.time.Instant;
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
    private RecordWriter writer;

    @BeforeEach
    void openIndex() throws IOException {
        elasticsearch = AuditElasticsearch.open(SharedInfrastructure.elasticsearch().httpUrl());
        client = elasticsearch.client();
        indices = new AuditIndices(client, Period.DAY);
        indices.installTemplate();
        writer = new RecordWriter(elasticsearch, indices);
    }

    @AfterEach
    void deleteIndex() throws IOException {
        String index = indices.indexFor(day);
        client.indices().delete(d -> d.index(index));
        elasticsearch.close();
    }

    private List<ApiCallRecorded> calls(int count) {
        return IntStream.range(0, count).mapToObj(i -> new ApiCallRecorded(UUID.randomUUID().toString(), day.plusSeconds(i),
                "sts.amazonaws.com", "GetCallerIdentity", "us-east-1", "192.0.2.1", "test", "req-" + i,
                new UserIdentity("Root", account, "arn:aws:iam::" + account + ":root", account, "AKIA", null, null),
                Map.of(), Map.of(), null, null, List.of(), true, account)).toList();
    }

    private long stored() throws IOException {
        String index = indices.indexFor(day);
        client.indices().refresh(r -> r.index(index));
        return client.count(c -> c.index(index)).count();
    }

    @Test
    void writeWhenTheSameCallsWrittenTwiceThenOneRecordEach() throws IOException {
        List<ApiCallRecorded> calls = calls(300);

        assertThat(writer.write(calls)).isEqualTo(300);
        assertThat(writer.write(calls)).isEqualTo(300);

        assertThat(stored()).isEqualTo(300);
    }

    @Test
    void writeWhenElasticsearchRefusesARecordThenThrowsNamingIt() throws IOException {
        String index = indices.indexFor(day);
        client.indices().putSettings(s -> s.index(index).settings(t -> t.blocks(b -> b.write(true))));
        try {
            assertThatThrownBy(() -> writer.write(calls(2))).isInstanceOf(IOException.class).hasMessageContaining("refused record");
        } finally {
            client.indices().putSettings(s -> s.index(index).settings(t -> t.blocks(b -> b.write(false))));
        }
    }

    @Test
    void writeWhenNoCallsThenNothingSent() throws IOException {
        assertThat(writer.write(List.of())).isZero();
    }
}
