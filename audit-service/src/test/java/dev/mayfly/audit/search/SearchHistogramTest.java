package dev.mayfly.audit.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.projection.AuditElasticsearch;
import dev.mayfly.audit.projection.AuditIndices;
import dev.mayfly.audit.projection.AuditIndices.Period;
import dev.mayfly.audit.projection.DeadLetters;
import dev.mayfly.audit.projection.Delivery;
import dev.mayfly.audit.projection.Delivery.Origin;
import dev.mayfly.audit.projection.ElasticsearchConnection;
import dev.mayfly.audit.projection.RecordWriter;
import dev.mayfly.audit.protocol.JsonProtocolException;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.contract.Json;
import dev.mayfly.embedded.SharedInfrastructure;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Search operation's histograms on the shared Elasticsearch node, with records written as the projection writes
 * them, at times long past and in an account of their own: buckets that follow the records' range whether it spans
 * minutes or months, an empty range, and parameters a caller should never have sent answered as the caller's mistake.
 */
class SearchHistogramTest {

    private final String account = String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
    /** A month in the 1990s, different for most runs, at midnight UTC. */
    private final Instant base = Instant.parse("1990-01-01T00:00:00Z").plus(Math.abs(UUID.randomUUID().getLeastSignificantBits() % 3_000), ChronoUnit.DAYS);
    private final Set<String> written = new TreeSet<>();
    private AuditElasticsearch elasticsearch;
    private ElasticsearchClient client;
    private AuditIndices indices;
    private RecordWriter writer;
    private AuditSearch search;

    @BeforeEach
    void open() throws IOException {
        elasticsearch = AuditElasticsearch.open(ElasticsearchConnection.unauthenticated(SharedInfrastructure.elasticsearch().httpUrl()));
        client = elasticsearch.client();
        indices = new AuditIndices(client, Period.MONTH);
        indices.installTemplate();
        writer = new RecordWriter(elasticsearch, indices, new DeadLetters(elasticsearch, Clock.systemUTC()).install(), "test");
        search = new AuditSearch(client);
    }

    @AfterEach
    void deleteIndices() throws IOException {
        for (String index : written) {
            client.indices().delete(d -> d.index(index));
        }
        elasticsearch.close();
    }

    /** Records of this test's account, one every {@code step} from {@code base}; every third one refused. */
    private void recordsEvery(Duration step, int count) throws IOException {
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant time = base.plus(step.multipliedBy(i));
            String error = i % 3 == 0 ? "AccessDenied" : null;
            deliveries.add(new Delivery(Optional.of(new ApiCallRecorded(UUID.randomUUID().toString(), time, "sts.amazonaws.com",
                    "GetCallerIdentity", "us-east-1", "192.0.2.1", "test", "req-" + i,
                    new UserIdentity("Root", account, "arn:aws:iam::" + account + ":root", account, "AKIA", null, null),
                    Map.of(), Map.of(), error, error == null ? null : "denied", List.of(), true, account)), null, Origin.EVENT_STORE, null));
            written.add(indices.indexFor(time));
        }
        writer.write(deliveries);
        client.indices().refresh(r -> r.index(AuditIndices.PATTERN));
    }

    private JsonNode timeline(String histogram, Instant start, Instant end) throws IOException {
        return search.search(account, Json.mapper().readTree("""
                {"StartTime":"%s","EndTime":"%s","MaxResults":0,
                 "Aggregations":[{"Name":"timeline","DateHistogram":%s}]}""".formatted(start, end, histogram)));
    }

    private static long sum(JsonNode buckets, String member) {
        long sum = 0;
        for (JsonNode bucket : buckets) {
            sum += bucket.path(member).asLong();
        }
        return sum;
    }

    @Test
    void searchWhenRecordsSpreadOverMinutesInADayWindowThenMinuteBucketsOverTheRecordsOnly() throws IOException {
        recordsEvery(Duration.ofSeconds(15), 40);   // ten minutes

        JsonNode answer = timeline("{\"Buckets\":15,\"ByOutcome\":true}", base.minus(Duration.ofHours(12)), base.plus(Duration.ofHours(12)));

        JsonNode buckets = answer.path("Aggregations").path("timeline");
        assertThat(answer.path("HistogramIntervals").path("timeline").asText()).isEqualTo("1m");
        assertThat(buckets.size()).isEqualTo(10);
        assertThat(buckets.get(0).path("Time").asDouble()).isEqualTo(base.getEpochSecond());
        assertThat(buckets.get(0).path("EndTime").asDouble()).isEqualTo(base.getEpochSecond() + 60);
        assertThat(sum(buckets, "Count")).isEqualTo(40);
        assertThat(sum(buckets, "Failure")).isEqualTo(14);
        assertThat(sum(buckets, "Success")).isEqualTo(26);
    }

    @Test
    void searchWhenRecordsSpreadOverMonthsThenWeekBucketsWithinTheTarget() throws IOException {
        recordsEvery(Duration.ofDays(3), 30);   // three months

        JsonNode answer = timeline("{\"Buckets\":20}", base.minus(Duration.ofDays(365)), base.plus(Duration.ofDays(365)));

        JsonNode buckets = answer.path("Aggregations").path("timeline");
        assertThat(answer.path("HistogramIntervals").path("timeline").asText()).isEqualTo("7d");
        assertThat(buckets.size()).isBetween(12, 20);
        assertThat(sum(buckets, "Count")).isEqualTo(30);
        for (JsonNode bucket : buckets) {
            assertThat(bucket.path("EndTime").asDouble() - bucket.path("Time").asDouble()).isEqualTo(7 * 86_400);
        }
    }

    @Test
    void searchWhenNarrowedToOneBucketThenExactlyItsRecords() throws IOException {
        recordsEvery(Duration.ofSeconds(15), 40);
        JsonNode third = timeline("{\"Buckets\":15}", base, base.plus(Duration.ofHours(1))).path("Aggregations").path("timeline").get(2);
        Instant start = Instant.ofEpochSecond(third.path("Time").asLong());
        Instant end = Instant.ofEpochSecond(third.path("EndTime").asLong()).minusMillis(1);   // EndTime is inclusive

        JsonNode narrowed = search.search(account, Json.mapper().readTree("""
                {"StartTime":"%s","EndTime":"%s","MaxResults":50}""".formatted(start, end)));

        assertThat(narrowed.path("Total").asLong()).isEqualTo(third.path("Count").asLong()).isEqualTo(4);
    }

    @Test
    void searchWhenNoRecordInTheRangeThenNoBucketAndAnInterval() throws IOException {
        JsonNode answer = timeline("{\"Buckets\":60,\"ByOutcome\":true}", base, base.plus(Duration.ofDays(1)));

        assertThat(answer.path("Total").asLong()).isZero();
        assertThat(answer.path("Aggregations").path("timeline").isArray()).isTrue();
        assertThat(answer.path("Aggregations").path("timeline")).isEmpty();
        assertThat(answer.path("HistogramIntervals").path("timeline").asText()).matches("\\d+[smhdMy]");
    }

    @Test
    void searchWhenFixedIntervalThenItIsTheOneAnswered() throws IOException {
        recordsEvery(Duration.ofSeconds(15), 40);

        JsonNode answer = timeline("{\"Interval\":\"5m\"}", base, base.plus(Duration.ofHours(1)));

        assertThat(answer.path("HistogramIntervals").path("timeline").asText()).isEqualTo("5m");
        assertThat(answer.path("Aggregations").path("timeline")).hasSize(2)
                .allSatisfy(bucket -> assertThat(bucket.path("EndTime").asLong() - bucket.path("Time").asLong()).isEqualTo(300));
    }

    @Test
    void searchWhenHistogramParametersHostileThenValidationException() {
        for (String histogram : List.of("{\"Buckets\":0}", "{\"Buckets\":-1}", "{\"Buckets\":501}", "{\"Buckets\":1.5}", "{\"Buckets\":\"10\"}",
                "{\"Buckets\":1e300}", "{\"Buckets\":9223372036854775808}", "{\"Buckets\":true}", "{\"Buckets\":[10]}",
                "{\"Buckets\":10,\"Interval\":\"1m\"}", "{\"Interval\":\"1s\"}", "{\"Interval\":60}", "{\"Interval\":\"auto\"}")) {
            assertThatThrownBy(() -> timeline(histogram, base, base.plusSeconds(60))).as(histogram)
                    .isInstanceOfSatisfying(JsonProtocolException.class, refused -> {
                        assertThat(refused.httpStatus()).isEqualTo(400);
                        assertThat(refused.code()).isEqualTo("ValidationException");
                    });
        }
    }

    @Test
    void searchWhenFixedIntervalWouldBuildTooManyBucketsThenTheCallersMistakeNotTheStores() throws IOException {
        recordsEvery(Duration.ofDays(100), 2);   // a minute histogram over 100 days: 144,000 buckets

        assertThatThrownBy(() -> timeline("{\"Interval\":\"1m\"}", base, base.plus(Duration.ofDays(200))))
                .isInstanceOfSatisfying(JsonProtocolException.class, refused -> {
                    assertThat(refused.httpStatus()).isEqualTo(400);
                    assertThat(refused.code()).isEqualTo("ValidationException");
                    assertThat(refused.getMessage()).contains("Buckets");
                });
        assertThat(sum(timeline("{\"Buckets\":100}", base, base.plus(Duration.ofDays(200))).path("Aggregations").path("timeline"), "Count"))
                .as("the same range with buckets that follow the data").isEqualTo(2);
    }

    @Test
    void searchWhenQueryStringUnparseableThenInvalidQueryExceptionNotAnOutage() throws IOException {
        recordsEvery(Duration.ofSeconds(1), 3);

        for (String query : List.of("eventName:/[/", "*Role", "eventName:(AssumeRole", "eventTime:[now TO", "eventName:Assume~99999999",
                "\\\\", "eventName:\\\"a\\\" AND (((((b)))))) OR")) {
            try {
                search.search(account, Json.mapper().readTree("{\"Query\":\"" + query + "\",\"Aggregations\":[{\"Name\":\"t\",\"DateHistogram\":{\"Buckets\":10}}]}"));
            } catch (JsonProtocolException refused) {
                assertThat(refused.httpStatus()).as(query).isEqualTo(400);
                assertThat(refused.code()).as(query).isEqualTo("InvalidQueryException");
            }
        }
        assertThatThrownBy(() -> search.search(account, Json.mapper().readTree("{\"Query\":\"eventName:(AssumeRole\"}")))
                .isInstanceOfSatisfying(JsonProtocolException.class, refused -> {
                    assertThat(refused.httpStatus()).isEqualTo(400);
                    assertThat(refused.code()).isEqualTo("InvalidQueryException");
                    assertThat(refused.getMessage()).startsWith("The search cannot be run: ");
                });
    }
}
