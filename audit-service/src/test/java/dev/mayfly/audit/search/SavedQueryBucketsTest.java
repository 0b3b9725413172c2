package dev.mayfly.audit.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.JsonData;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A saved query whose aggregation would build more buckets than Elasticsearch lets one search build is the caller's
 * window to narrow: a ValidationException, which the SDKs do not retry, not a 503 as if the store were away.
 */
class SavedQueryBucketsTest {

    private final String account = String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
    /** A day in the 1980s, different for most runs. */
    private final Instant base = Instant.parse("1981-01-01T00:00:00Z").plus(Math.abs(UUID.randomUUID().getLeastSignificantBits() % 3_000), ChronoUnit.DAYS);

    @Test
    void runWhenFailedAssumeRoleBurstsWouldBuildTooManyBucketsThenValidationErrorNotTheStoreUnavailable() throws Exception {
        try (AuditElasticsearch elasticsearch = AuditElasticsearch.open(ElasticsearchConnection.unauthenticated(
                SharedInfrastructure.elasticsearch().httpUrl()))) {
            ElasticsearchClient client = elasticsearch.client();
            AuditIndices indices = new AuditIndices(client, Period.MONTH);
            indices.installTemplate();
            String index = indices.indexFor(base);
            List<Delivery> refusals = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                refusals.add(new Delivery(Optional.of(new ApiCallRecorded(UUID.randomUUID().toString(), base.plus(i, ChronoUnit.MINUTES),
                        "sts.amazonaws.com", "AssumeRole", "us-east-1", "192.0.2.1", "test", "req-" + i,
                        new UserIdentity("IAMUser", "AIDA" + i, "arn:aws:iam::" + account + ":user/u" + i, account, null, null, null),
                        Map.of(), null, "AccessDenied", "denied", List.of(), false, account)), null, Origin.EVENT_STORE, null));
            }
            new RecordWriter(elasticsearch, indices, new DeadLetters(elasticsearch, Clock.systemUTC()).install(), "test").write(refusals);
            client.indices().refresh(r -> r.index(index));
            SecurityQueries queries = new SecurityQueries(client);
            String request = "{\"Name\":\"FailedAssumeRoleBursts\",\"Threshold\":1,\"StartTime\":\"%s\",\"EndTime\":\"%s\"}"
                    .formatted(base, base.plus(1, ChronoUnit.DAYS));

            assertThat(queries.run(account, Json.mapper().readTree(request)).path("Findings")).as("within the node's bound").hasSize(20);

            client.cluster().putSettings(s -> s.transient_("search.max_buckets", JsonData.of(10)));
            try {
                assertThatThrownBy(() -> queries.run(account, Json.mapper().readTree(request)))
                        .isInstanceOfSatisfying(JsonProtocolException.class, refused -> {
                            assertThat(refused.code()).isEqualTo("ValidationException");
                            assertThat(refused.getMessage()).contains("shorter time range");
                        });
            } finally {
                client.cluster().putSettings(s -> s.transient_("search.max_buckets", JsonData.fromJson("null")));
                client.indices().delete(d -> d.index(index));
            }
        }
    }
}
