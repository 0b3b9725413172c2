package dev.mayfly.audit.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.ElasticsearchProxy;
import dev.mayfly.audit.lookup.LookupOperations;
import dev.mayfly.audit.projection.AuditIndices;
import dev.mayfly.audit.projection.AuditIndices.Period;
import dev.mayfly.audit.search.SearchOperations;
import dev.mayfly.contract.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The searches a caller's request runs, on the shared Elasticsearch node, seen on the wire: each one has a timeout on
 * the node, so that one tenant's expensive query (a regular expression over years of records) cannot hold the node's
 * search threads from every other tenant; and a search that ran out of time (timed_out, told here by rewriting the
 * node's answer) is refused, not answered as if its part of the records were all of them.
 */
class CallerSearchTimeoutTest {

    private final String account = String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
    private ElasticsearchProxy proxy;
    private Map<String, JsonOperation> operations;

    @BeforeEach
    void open() throws IOException {
        proxy = new ElasticsearchProxy();
        ElasticsearchClient client = proxy.client();
        new AuditIndices(client, Period.MONTH).installTemplate();
        operations = Stream.concat(SearchOperations.all(client).stream(),
                        Stream.of(LookupOperations.lookupEvents(client), LookupOperations.listRecords(client)))
                .collect(Collectors.toMap(JsonOperation::name, Function.identity()));
    }

    @AfterEach
    void close() throws IOException {
        proxy.close();
    }

    private JsonNode call(String operation, String request) throws IOException {
        return operations.get(operation).handler().handle(account, Json.mapper().readTree(request));
    }

    @Test
    void searchWhenAnOperationReadsTheTrailThenEverySearchHasATimeout() throws IOException {
        call("Search", """
                {"Query":"eventName:/.*A.*s.*u.*m.*e.*/","Aggregations":[{"Name":"t","DateHistogram":{"Buckets":50}},
                 {"Name":"n","Terms":{"Field":"eventName"}}]}""");
        call("LookupEvents", "{}");
        call("ListRecords", "{\"From\":\"0001-01-01T00:00:00Z\",\"To\":\"9999-01-01T00:00:00Z\"}");
        for (String saved : List.of("FailedAssumeRoleBursts", "AssumeRoleFromNewSourceIp", "RevokedOrExpiredCredentials",
                "CrossAccountAssumptions", "RootUsage")) {
            call("RunSavedQuery", "{\"Name\":\"" + saved + "\",\"StartTime\":\"0001-01-01T00:00:00Z\"}");
        }
        call("WhoHeldRole", "{\"RoleArn\":\"arn:aws:iam::" + account + ":role/r\",\"At\":\"2026-01-01T00:00:00Z\"}");

        assertThat(proxy.searches()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(proxy.searches()).allSatisfy(search -> assertThat(search.path("timeout").asText()).as(search.toString())
                .isEqualTo(CallerSearches.TIMEOUT));
    }

    @Test
    void searchWhenTheNodeRanOutOfTimeThenRefusedRatherThanAPartialAnswer() {
        proxy.timingOut();

        for (String[] call : List.of(new String[] {"Search", "{\"Query\":\"eventName:/.*A.*/\"}"}, new String[] {"LookupEvents", "{}"},
                new String[] {"RunSavedQuery", "{\"Name\":\"RootUsage\"}"})) {
            assertThatThrownBy(() -> call(call[0], call[1])).as(call[0]).isInstanceOfSatisfying(JsonProtocolException.class, refused -> {
                assertThat(refused.httpStatus()).isEqualTo(400);
                assertThat(refused.getMessage()).contains("narrow");
            });
        }
    }
}
