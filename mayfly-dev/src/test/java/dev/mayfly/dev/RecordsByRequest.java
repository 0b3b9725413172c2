package dev.mayfly.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.contract.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * How many CloudTrail records Elasticsearch holds for each request id of an account, read straight from the indices
 * (not through the audit service, whose answers are among what is checked). A composite aggregation pages through
 * every id, however many there are.
 */
final class RecordsByRequest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int PAGE = 5_000;

    private RecordsByRequest() {
    }

    static Map<String, Long> count(URI elasticsearch, String accountId) throws IOException, InterruptedException {
        post(elasticsearch.resolve("/mayfly-cloudtrail-*/_refresh"), null);
        Map<String, Long> counts = new HashMap<>();
        JsonNode after = null;
        do {
            ObjectNode composite = Json.mapper().createObjectNode().put("size", PAGE);
            composite.putArray("sources").addObject().putObject("id").putObject("terms").put("field", "requestID");
            if (after != null) {
                composite.set("after", after);
            }
            ObjectNode search = Json.mapper().createObjectNode().put("size", 0);
            search.putObject("query").putObject("term").put("recipientAccountId", accountId);
            search.putObject("aggs").putObject("ids").set("composite", composite);
            JsonNode ids = post(elasticsearch.resolve("/mayfly-cloudtrail-*/_search"), search.toString()).path("aggregations").path("ids");
            ids.path("buckets").forEach(bucket -> counts.put(bucket.path("key").path("id").asText(), bucket.path("doc_count").asLong()));
            after = ids.path("buckets").isEmpty() ? null : ids.get("after_key");
        } while (after != null);
        return counts;
    }

    /** @param json the body, or null for none */
    private static JsonNode post(URI uri, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Elasticsearch answered " + response.statusCode() + ": " + response.body());
        }
        return Json.mapper().readTree(response.body());
    }
}
