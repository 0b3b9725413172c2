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
import org.junit.jupiter.api.Test;

/**
 * An account's searches running at once, on the shared Elasticsearch node behind a proxy that holds one account's
 * searches as a slow node would: beyond the bound the account's next search is refused (ThrottlingException) instead
 * of taking one more of the node's search threads, while another account searches as usual.
 */
class SearchesAtOnceTest {

    private static final String HOSTILE = "111111111111";
    private static final String OTHER = "222222222222";

    @Test
    void searchWhenTheAccountHasAsManyRunningAsAllowedThenThrottledWhileAnotherAccountSearches() throws Exception {
        try (ElasticsearchProxy proxy = new ElasticsearchProxy(); ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            JsonOperation search = SearchOperations.all(proxy.client()).stream().filter(operation -> operation.name().equals("Search"))
                    .findFirst().orElseThrow();
            JsonNode request = Json.mapper().readTree("{\"Query\":\"eventName:/.*A.*s.*s.*u.*m.*e.*/\"}");
            proxy.holdSearchesHolding(HOSTILE);
            List<Future<JsonNode>> running = new ArrayList<>();
            for (int i = 0; i < SearchOperations.SEARCHES_AT_ONCE; i++) {
                running.add(threads.submit(() -> search.handler().handle(HOSTILE, request)));
            }
            assertThat(proxy.awaitHeld(SearchOperations.SEARCHES_AT_ONCE)).isTrue();

            Future<JsonNode> oneTooMany = threads.submit(() -> search.handler().handle(HOSTILE, request));
            assertThatThrownBy(() -> oneTooMany.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(JsonProtocolException.class)
                    .cause().satisfies(refused -> assertThat(((JsonProtocolException) refused).code()).isEqualTo("ThrottlingException"));
            assertThat(search.handler().handle(OTHER, request).path("Records").isArray()).as("another tenant's search").isTrue();

            proxy.release();
            for (Future<JsonNode> held : running) {
                assertThat(held.get(30, TimeUnit.SECONDS).path("Records").isArray()).isTrue();
            }
            assertThat(search.handler().handle(HOSTILE, request).path("Records").isArray()).as("once they answered").isTrue();
        }
    }
}
