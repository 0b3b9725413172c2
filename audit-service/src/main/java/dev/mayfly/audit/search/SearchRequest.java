package dev.mayfly.audit.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.audit.protocol.JsonProtocolException;
import dev.mayfly.audit.protocol.JsonTimestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A monitoring search: a query string over the account's records (Lucene syntax, the fields of the record and its ECS
 * fields, for example {@code event.action:AssumeRole AND event.outcome:failure}), a time window, and aggregations.
 *
 * @param query        the query string, or null for every record
 * @param startTime    inclusive, or null
 * @param endTime      inclusive, or null
 * @param maxResults   records to return, 0-1000 (0 for aggregations only)
 * @param nextToken    the previous page's token, or null
 * @param aggregations at most five
 */
record SearchRequest(String query, Instant startTime, Instant endTime, int maxResults, String nextToken, List<Aggregation> aggregations) {

    static final int MAX_QUERY = 2000;
    static final int MAX_AGGREGATIONS = 5;
    /** Fields worth counting by, all keywords: terms aggregations on anything else are refused. */
    static final Set<String> TERMS_FIELDS = Set.of("eventName", "eventSource", "errorCode", "awsRegion", "sourceIPAddress",
            "userIdentity.type", "userIdentity.arn", "userIdentity.accessKeyId", "userIdentity.principalId", "userIdentity.userName",
            "userIdentity.sessionContext.sessionIssuer.arn", "resources.ARN", "resources.type", "event.action", "event.outcome",
            "event.provider", "user.name", "user.id", "user_agent.original");
    /** date_histogram intervals offered. */
    static final Map<String, String> INTERVALS = Map.of("1m", "1m", "5m", "5m", "15m", "15m", "1h", "1h", "1d", "1d");
    /** The most buckets a histogram that follows the data may aim for (a chart is a few hundred pixels wide). */
    static final int MAX_BUCKETS = 500;

    /**
     * One aggregation: {"Name": ..., "Terms": {"Field", "Size"}}, or {"Name": ..., "DateHistogram": {"Interval" or
     * "Buckets", "ByOutcome"}}.
     */
    sealed interface Aggregation permits Terms, DateHistogram {
        String name();
    }

    record Terms(String name, String field, int size) implements Aggregation {
    }

    /**
     * Counts over time.
     *
     * @param interval  a fixed interval, one of {@link #INTERVALS}; or null for buckets that follow the data's range
     * @param buckets   with no interval, about how many buckets to spread the matched records over (at most that many)
     * @param byOutcome whether each bucket also counts successes and failures apart (calls and denials over time)
     */
    record DateHistogram(String name, String interval, int buckets, boolean byOutcome) implements Aggregation {

        boolean followsData() {
            return interval == null;
        }
    }

    static SearchRequest from(JsonNode body) {
        String query = body.path("Query").isTextual() ? body.get("Query").asText() : null;
        if (query != null && (query.isBlank() || query.length() > MAX_QUERY)) {
            throw new JsonProtocolException("InvalidQueryException", "Query must be 1 to " + MAX_QUERY + " characters.");
        }
        Instant start = JsonTimestamps.optional(body.path("StartTime"), "StartTime");
        Instant end = JsonTimestamps.optional(body.path("EndTime"), "EndTime");
        if (start != null && end != null && start.isAfter(end)) {
            throw new JsonProtocolException("InvalidTimeRangeException", "Start time must be before end time.");
        }
        int maxResults = body.path("MaxResults").isMissingNode() || body.path("MaxResults").isNull() ? 50 : body.path("MaxResults").asInt(-1);
        if (maxResults < 0 || maxResults > 1000) {
            throw new JsonProtocolException("InvalidMaxResultsException", "MaxResults must be between 0 and 1000.");
        }
        List<Aggregation> aggregations = new ArrayList<>();
        for (JsonNode aggregation : body.path("Aggregations")) {
            aggregations.add(aggregation(aggregation));
        }
        if (aggregations.size() > MAX_AGGREGATIONS) {
            throw new JsonProtocolException("ValidationException", "At most " + MAX_AGGREGATIONS + " aggregations.");
        }
        if (aggregations.stream().map(Aggregation::name).distinct().count() < aggregations.size()) {
            throw new JsonProtocolException("ValidationException", "Aggregation names must be unique.");
        }
        String nextToken = body.path("NextToken").isTextual() ? body.get("NextToken").asText() : null;
        return new SearchRequest(query, start, end, maxResults, nextToken, List.copyOf(aggregations));
    }

    private static Aggregation aggregation(JsonNode node) {
        String name = node.path("Name").asText("");
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new JsonProtocolException("ValidationException", "An aggregation's Name is 1 to 64 letters, digits, _ or -.");
        }
        if (node.has("Terms")) {
            String field = node.path("Terms").path("Field").asText("");
            int size = node.path("Terms").path("Size").asInt(10);
            if (!TERMS_FIELDS.contains(field)) {
                throw new JsonProtocolException("ValidationException", "Terms cannot count by '" + field + "'; fields: "
                        + String.join(", ", TERMS_FIELDS.stream().sorted().toList()) + ".");
            }
            if (size < 1 || size > 100) {
                throw new JsonProtocolException("ValidationException", "A Terms aggregation's Size is 1 to 100.");
            }
            return new Terms(name, field, size);
        }
        if (node.has("DateHistogram")) {
            return dateHistogram(name, node.path("DateHistogram"));
        }
        throw new JsonProtocolException("ValidationException", "An aggregation is Terms or DateHistogram.");
    }

    /**
     * A fixed Interval (1h when neither is given, as before Buckets existed), or Buckets: a whole number of buckets to
     * aim for, the interval then chosen from the range of the records matched.
     */
    private static DateHistogram dateHistogram(String name, JsonNode histogram) {
        boolean byOutcome = histogram.path("ByOutcome").asBoolean(false);
        // a member holding null is one not given, as the AWS SDKs mean it
        if (histogram.hasNonNull("Buckets")) {
            if (histogram.hasNonNull("Interval")) {
                throw new JsonProtocolException("ValidationException", "A DateHistogram has an Interval or Buckets, not both.");
            }
            JsonNode buckets = histogram.get("Buckets");
            if (!buckets.isIntegralNumber() || !buckets.canConvertToInt() || buckets.intValue() < 1 || buckets.intValue() > MAX_BUCKETS) {
                throw new JsonProtocolException("ValidationException", "Buckets is a whole number from 1 to " + MAX_BUCKETS + ".");
            }
            return new DateHistogram(name, null, buckets.intValue(), byOutcome);
        }
        String interval = histogram.hasNonNull("Interval") ? histogram.get("Interval").asText() : "1h";
        if (histogram.hasNonNull("Interval") && !histogram.get("Interval").isTextual() || !INTERVALS.containsKey(interval)) {
            throw new JsonProtocolException("ValidationException", "Interval is one of 1m, 5m, 15m, 1h, 1d.");
        }
        return new DateHistogram(name, interval, 0, byOutcome);
    }

    /** What a NextToken is bound to, so that it cannot be replayed against another search. */
    String fingerprint() {
        return Integer.toHexString(Objects.hash(query, startTime, endTime));
    }
}
