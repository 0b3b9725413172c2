package dev.mayfly.audit.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.ElasticsearchProxy;
import dev.mayfly.audit.protocol.JsonOperation;
import dev.mayfly.audit.protocol.JsonProtocolException;
import dev.mayfly.contract.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.mayfly.audit.lookup.LookupOperations;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An account's searches and lookups running at once, on the shared Elasticsearch node behind a proxy that holds one account's
 * searches as a slow node would: beyond the bound the account's next search is refused (ThrottlingException) instead
 * of taking one more of the node's search threads, while another account searches as usual.
 */
class SearchesAtOnceTest {

    private static final String HOSTILE = "111111111111";
    private static final String OTHER = "222222222222";

    /** An operation of the audit API, the request it is given, and how many of an account's calls it runs at once. */
    private record Bounded(String name, Function<ElasticsearchClient, JsonOperation> operation, String request, int atOnce,
                           String answerMember) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bounded> operations() {
        return Stream.of(
                new Bounded("Search", client -> SearchOperations.all(client).stream().filter(operation -> operation.name().equals("Search"))
                        .findFirst().orElseThrow(), "{\"Query\":\"eventName:/.*A.*s.*s.*u.*m.*e.*/\"}", SearchOperations.SEARCHES_AT_ONCE,
                        "Records"),
                new Bounded("LookupEvents", LookupOperations::lookupEvents, "{}", LookupOperations.READS_AT_ONCE, "Events"));
    }

    @ParameterizedTest
    @MethodSource("operations")
    void callWhenTheAccountHasAsManyRunningAsAllowedThenThrottledWhileAnotherAccountReads(Bounded bounded) throws Exception {
        try (ElasticsearchProxy proxy = new ElasticsearchProxy(); ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            JsonOperation search = bounded.operation().apply(proxy.client());
            JsonNode request = Json.mapper().readTree(bounded.request());
            String records = bounded.answerMember();
            proxy.holdSearchesHolding(HOSTILE);
            List<Future<JsonNode>> running = new ArrayList<>();
            for (int i = 0; i < bounded.atOnce(); i++) {
                running.add(threads.submit(() -> search.handler().handle(HOSTILE, request)));
            }
            assertThat(proxy.awaitHeld(bounded.atOnce())).isTrue();

            Future<JsonNode> oneTooMany = threads.submit(() -> search.handler().handle(HOSTILE, request));
            assertThatThrownBy(() -> oneTooMany.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(JsonProtocolException.class)
                    .cause().satisfies(refused -> assertThat(((JsonProtocolException) refused).code()).isEqualTo("ThrottlingException"));
            assertThat(search.handler().handle(OTHER, request).path(records).isArray()).as("another tenant's search").isTrue();

            proxy.release();
            for (Future<JsonNode> held : running) {
                assertThat(held.get(30, TimeUnit.SECONDS).path(records).isArray()).isTrue();
            }
            assertThat(search.handler().handle(HOSTILE, request).path(records).isArray()).as("once they answered").isTrue();
        }
    }
}
