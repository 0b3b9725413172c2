package dev.mayfly.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.projection.AuditIndices;
import dev.mayfly.contract.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether calls are in the audit trail exactly once, by their request ids, searched in Elasticsearch directly (as
 * ./mayfly bench audit does): the service's own search would be one more thing under test.
 */
final class TrailCheck implements AutoCloseable {

    /** Request ids in one search: the terms query's size; the hits asked for are twice as many, to see ids found twice. */
    private static final int IDS_PER_SEARCH = 1000;
    private static final long POLL_MILLIS = 500;

    /** @param records the number of records found for each request id asked about */
    record Result(Map<String, Integer> records) {
        List<String> missing() {
            return records.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).toList();
        }

        List<String> repeated() {
            return records.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        }
    }

    private final KeepAliveHttp http;
    private final String searchPath;

    TrailCheck(URI elasticsearch) {
        this.http = new KeepAliveHttp(elasticsearch);
        this.searchPath = elasticsearch.resolve("/" + AuditIndices.PATTERN + "/_search").getRawPath();
    }

    /**
     * Waits until every request id has a record, or the time is up; then counts each one's records once more, all
     * stragglers in: a record written twice may be searchable after the first.
     */
    Result check(List<String> requestIds, Duration wait) throws IOException, InterruptedException {
        Set<String> pending = new LinkedHashSet<>(requestIds);
        long deadline = System.nanoTime() + wait.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            count(List.copyOf(pending)).forEach((id, records) -> {
                if (records > 0) {
                    pending.remove(id);
                }
            });
            if (!pending.isEmpty()) {
                Thread.sleep(POLL_MILLIS);
            }
        }
        return new Result(count(requestIds));
    }

    private Map<String, Integer> count(List<String> requestIds) throws IOException {
        Map<String, Integer> records = new HashMap<>();
        requestIds.forEach(id -> records.put(id, 0));
        for (int from = 0; from < requestIds.size(); from += IDS_PER_SEARCH) {
            List<String> ids = requestIds.subList(from, Math.min(from + IDS_PER_SEARCH, requestIds.size()));
            String query = "{\"size\":" + 2 * IDS_PER_SEARCH + ",\"track_total_hits\":false,\"_source\":[\"requestID\"],"
                    + "\"query\":{\"terms\":{\"requestID\":" + Json.mapper().writeValueAsString(new ArrayList<>(ids)) + "}}}";
            KeepAliveHttp.Reply reply = http.post(searchPath, "application/json", query.getBytes(StandardCharsets.UTF_8));
            if (reply.status() != 200) {
                throw new IOException("Elasticsearch refused the search: " + FuzzTally.excerpt(reply.body()));
            }
            for (JsonNode hit : Json.mapper().readTree(reply.body()).path("hits").path("hits")) {
                records.computeIfPresent(hit.path("_source").path("requestID").asText(), (id, n) -> n + 1);
            }
        }
        return records;
    }

    @Override
    public void close() {
        http.close();
    }
}
