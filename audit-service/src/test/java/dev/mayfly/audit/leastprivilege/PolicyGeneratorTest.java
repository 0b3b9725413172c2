package dev.mayfly.audit.leastprivilege;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.JsonData;
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
import dev.mayfly.audit.search.SearchFailures;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import dev.mayfly.contract.Json;
import dev.mayfly.embedded.SharedInfrastructure;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
 * GeneratePolicy over records written as the projection writes them, in an account and a month of their own: an action
 * whose calls named no resource once is allowed on "*", one with more resources than a policy lists likewise, refused
 * calls grant nothing, and another account's records of a principal of the same ARN are never read.
 */
class PolicyGeneratorTest {

    private final String account = String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
    private final String otherAccount = String.format("%012d", Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000_000L));
    /** A day in the 1990s, different for most runs. */
    private final Instant base = Instant.parse("1991-01-01T00:00:00Z").plus(Math.abs(UUID.randomUUID().getLeastSignificantBits() % 3_000), ChronoUnit.DAYS);
    private final String user = "arn:aws:iam::" + account + ":user/builder";
    private final Set<String> written = new TreeSet<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private AuditElasticsearch elasticsearch;
    private ElasticsearchClient client;
    private AuditIndices indices;
    private RecordWriter writer;

    @BeforeEach
    void open() throws IOException {
        elasticsearch = AuditElasticsearch.open(ElasticsearchConnection.unauthenticated(SharedInfrastructure.elasticsearch().httpUrl()));
        client = elasticsearch.client();
        indices = new AuditIndices(client, Period.MONTH);
        indices.installTemplate();
        writer = new RecordWriter(elasticsearch, indices, new DeadLetters(elasticsearch, Clock.systemUTC()).install(), "test");
    }

    @AfterEach
    void deleteIndices() throws IOException {
        for (String index : written) {
            client.indices().delete(d -> d.index(index));
        }
        elasticsearch.close();
    }

    private void call(String recipient, String name, String error, String... resources) throws IOException {
        Instant time = base.plusSeconds(deliveries.size());
        List<Resource> named = new ArrayList<>();
        for (String arn : resources) {
            named.add(new Resource(arn, recipient, arn.contains(":role/") ? "AWS::IAM::Role" : "AWS::IAM::User"));
        }
        deliveries.add(new Delivery(Optional.of(new ApiCallRecorded(UUID.randomUUID().toString(), time, "iam.amazonaws.com", name,
                "us-east-1", "192.0.2.1", "test", "req-" + deliveries.size(),
                new UserIdentity("IAMUser", "AIDA" + recipient, user, account, "AKIA" + account, "builder", null, null),
                Map.of(), Map.of(), error, error == null ? null : "denied", named, true, recipient)), null, Origin.EVENT_STORE, null));
        written.add(indices.indexFor(time));
    }

    private JsonNode generate() throws IOException {
        written();
        PolicyGenerator generator = new PolicyGenerator(client, new IamActions(name -> Optional.empty()),
                Clock.fixed(base.plus(1, ChronoUnit.DAYS), ZoneOffset.UTC));
        return generator.generate(account, Json.mapper().readTree("{\"PrincipalArn\":\"%s\",\"StartTime\":\"%s\"}".formatted(user,
                base.minus(1, ChronoUnit.HOURS))));
    }

    private void written() throws IOException {
        writer.write(deliveries);
        client.indices().refresh(r -> r.index(AuditIndices.PATTERN));
    }

    private JsonNode listActivity() throws IOException {
        PrincipalActivity activity = new PrincipalActivity(client, new IamActions(name -> Optional.empty()),
                Clock.fixed(base.plus(1, ChronoUnit.DAYS), ZoneOffset.UTC));
        return activity.list(account, Json.mapper().readTree("{\"StartTime\":\"%s\"}".formatted(base.minus(1, ChronoUnit.HOURS))));
    }

    /** Runs the analysis while Elasticsearch lets one search build at most {@code maxBuckets} buckets (search.max_buckets). */
    private <T> T withMaxBuckets(int maxBuckets, SearchFailures.Search<T> analysis) throws IOException {
        client.cluster().putSettings(s -> s.transient_("search.max_buckets", JsonData.of(maxBuckets)));
        try {
            return analysis.run();
        } finally {
            client.cluster().putSettings(s -> s.transient_("search.max_buckets", JsonData.fromJson("null")));
        }
    }

    @Test
    void analysisWhenMoreBucketsThanOneSearchMayBuildThenValidationErrorNotTheStoreUnavailable() throws IOException {
        for (int i = 0; i < 20; i++) {
            call(account, "Action" + i, null, "arn:aws:iam::" + account + ":role/r" + i);
        }
        written();

        for (SearchFailures.Search<JsonNode> analysis : List.<SearchFailures.Search<JsonNode>>of(this::generate, this::listActivity)) {
            assertThatThrownBy(() -> withMaxBuckets(10, analysis)).isInstanceOfSatisfying(JsonProtocolException.class, refused -> {
                assertThat(refused.code()).isEqualTo("ValidationException");
                assertThat(refused.getMessage()).contains("shorter window");
            });
        }
        assertThat(generate().path("ActionsUsed").asInt()).as("the same analysis within the limit").isEqualTo(20);
    }

    @Test
    void generateWhenSomeCallsNameNoResourceOrTooManyThenStarForThoseActionsOnly() throws IOException {
        for (int i = 0; i < 3; i++) {
            call(account, "GetUser", null, user);
        }
        call(account, "GetUser", null);
        for (int i = 0; i < PolicyGenerator.MAX_RESOURCES + 1; i++) {
            call(account, "GetRole", null, "arn:aws:iam::" + account + ":role/r" + i);
        }
        call(account, "UpdateRole", null, "arn:aws:iam::" + account + ":role/a");
        call(account, "TagRole", null, "arn:aws:iam::" + account + ":role/a", "arn:aws:iam::" + account + ":role/b");
        call(account, "DeleteRole", "AccessDenied", "arn:aws:iam::" + account + ":role/a");
        call(otherAccount, "DeleteUser", null, user);

        JsonNode generated = generate();

        assertThat(Json.mapper().readTree(generated.path("Policy").asText())).isEqualTo(Json.mapper().readTree("""
                {"Version":"2012-10-17","Statement":[
                  {"Effect":"Allow","Action":["iam:GetRole","iam:GetUser"],"Resource":"*"},
                  {"Effect":"Allow","Action":"iam:UpdateRole","Resource":"arn:aws:iam::%1$s:role/a"},
                  {"Effect":"Allow","Action":"iam:TagRole","Resource":["arn:aws:iam::%1$s:role/a","arn:aws:iam::%1$s:role/b"]}]}"""
                .formatted(account)));
        assertThat(generated.path("CallsAnalyzed").asLong()).isEqualTo(4 + PolicyGenerator.MAX_RESOURCES + 1 + 2);
        assertThat(generated.path("IsComplete").asBoolean()).isTrue();
    }
}
