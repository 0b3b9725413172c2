package dev.mayfly.audit.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mayfly.audit.projection.AuditDocument;
import dev.mayfly.audit.projection.AuditIndices;
import dev.mayfly.audit.protocol.CallerSearches;
import dev.mayfly.audit.protocol.JsonProtocolException;
import dev.mayfly.audit.protocol.JsonTimestamps;
import dev.mayfly.contract.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The saved security queries, each over one account's records in a time window, and "who held which role at instant
 * T". Every one answers {"Name", "Description", "Findings": [...]}.
 */
public final class SecurityQueries {

    /** The saved queries by name, with what they look for. */
    static final Map<String, String> SAVED = new LinkedHashMap<>();

    static {
        SAVED.put("FailedAssumeRoleBursts", "Principals refused AssumeRole (any kind) at least Threshold times (default 5) within one minute.");
        SAVED.put("AssumeRoleFromNewSourceIp", "Roles assumed from a source IP never seen before for that principal.");
        SAVED.put("RevokedOrExpiredCredentials", "Calls made with expired credentials, or with sessions a revocation rule refused.");
        SAVED.put("CrossAccountAssumptions", "AssumeRole across accounts, inbound (a principal of another account assumed a role of "
                + "this one) and outbound.");
        SAVED.put("RootUsage", "Every call of the account's root user.");
    }

    /** The error codes of a call made with expired credentials: RevokedOrExpiredCredentials, here and in the detections. */
    public static final List<String> EXPIRED_ERROR_CODES = List.of("ExpiredToken", "ExpiredTokenException");
    /** What the error message of a call refused by a revocation rule says. */
    public static final String REVOKED_MESSAGE = "revoked by rule";
    private static final String TOO_MANY_BUCKETS = "Too many buckets: choose a shorter time range (StartTime, EndTime).";
    private static final int MAX_FINDINGS = 1000;
    private final ElasticsearchClient client;

    public SecurityQueries(ElasticsearchClient client) {
        this.client = client;
    }

    /** ListSavedQueries: {"SavedQueries": [{"Name", "Description"}]}. */
    public JsonNode list(String accountId, JsonNode request) {
        ObjectNode result = Json.mapper().createObjectNode();
        ArrayNode queries = result.putArray("SavedQueries");
        SAVED.forEach((name, description) -> queries.addObject().put("Name", name).put("Description", description));
        return result;
    }

    /** RunSavedQuery: {"Name", "StartTime", "EndTime", "Threshold"}. */
    public JsonNode run(String accountId, JsonNode request) throws IOException {
        String name = request.path("Name").asText("");
        if (!SAVED.containsKey(name)) {
            throw new JsonProtocolException("InvalidSavedQueryException", "No saved query '" + name + "'; see ListSavedQueries.");
        }
        Instant start = JsonTimestamps.optional(request.path("StartTime"), "StartTime");
        Instant end = JsonTimestamps.optional(request.path("EndTime"), "EndTime");
        if (start != null && end != null && start.isAfter(end)) {
            throw new JsonProtocolException("InvalidTimeRangeException", "Start time must be before end time.");
        }
        List<Query> window = AuditSearch.window(accountId, start, end);
        ArrayNode findings = SearchFailures.asCallersMistake(() -> switch (name) {
            case "FailedAssumeRoleBursts" -> failedAssumeRoleBursts(window, threshold(request));
            case "AssumeRoleFromNewSourceIp" -> newSourceIps(accountId, window, start);
            case "RevokedOrExpiredCredentials" -> records(window, Query.of(q -> q.bool(b -> b.minimumShouldMatch("1")
                    .should(s -> s.terms(t -> t.field("errorCode").terms(v -> v.value(EXPIRED_ERROR_CODES.stream().map(FieldValue::of).toList()))))
                    .should(s -> s.matchPhrase(m -> m.field("errorMessage").query(REVOKED_MESSAGE))))));
            case "CrossAccountAssumptions" -> records(window, Query.of(q -> q.bool(b -> b
                    .filter(f -> f.exists(e -> e.field("sharedEventID")))
                    .filter(f -> f.term(t -> t.field("eventName").value("AssumeRole"))))));
            default -> records(window, Query.of(q -> q.term(t -> t.field("userIdentity.type").value("Root"))));
        }, TOO_MANY_BUCKETS);
        return answer(name, SAVED.get(name), findings);
    }

    private static int threshold(JsonNode request) {
        int threshold = request.path("Threshold").asInt(5);
        if (threshold < 1 || threshold > 10_000) {
            throw new JsonProtocolException("ValidationException", "Threshold is 1 to 10000.");
        }
        return threshold;
    }

    /** Per principal and minute, refused AssumeRole* calls; the minutes with at least {@code threshold}. */
    private ArrayNode failedAssumeRoleBursts(List<Query> window, int threshold) throws IOException {
        List<Query> filters = new ArrayList<>(window);
        filters.add(Query.of(q -> q.prefix(p -> p.field("eventName").value("AssumeRole"))));
        filters.add(Query.of(q -> q.exists(e -> e.field("errorCode"))));
        SearchResponse<Void> response = CallerSearches.search(client, s -> s.index(AuditIndices.PATTERN).ignoreUnavailable(true).allowNoIndices(true)
                .size(0).query(q -> q.bool(b -> b.filter(filters)))
                .aggregations("principals", a -> a.terms(t -> t.field("user.id").size(MAX_FINDINGS))
                        .aggregations("minutes", m -> m.dateHistogram(d -> d.field("eventTime").fixedInterval(i -> i.time("1m"))
                                .minDocCount(threshold)))), Void.class);
        ArrayNode findings = Json.mapper().createArrayNode();
        Aggregate principals = response.aggregations().get("principals");
        if (principals == null || !principals.isSterms()) {
            return findings;
        }
        for (StringTermsBucket principal : principals.sterms().buckets().array()) {
            for (DateHistogramBucket minute : principal.aggregations().get("minutes").dateHistogram().buckets().array()) {
                findings.addObject().put("Principal", principal.key().stringValue())
                        .put("Minute", JsonTimestamps.write(Instant.ofEpochMilli(minute.key()))).put("Failures", minute.docCount());
            }
        }
        return findings;
    }

    /**
     * Successful AssumeRole* per principal and source IP in the window, less the pairs seen before the window (in
     * everything retained). A principal with no history before the window is new everywhere: said so.
     */
    private ArrayNode newSourceIps(String accountId, List<Query> window, Instant start) throws IOException {
        Map<String, Map<String, long[]>> inWindow = pairs(window);
        Set<String> seenBefore = new HashSet<>();
        Set<String> principalsBefore = new HashSet<>();
        if (start != null) {
            pairs(AuditSearch.window(accountId, null, start.minusMillis(1))).forEach((principal, ips) -> {
                principalsBefore.add(principal);
                ips.keySet().forEach(ip -> seenBefore.add(principal + " " + ip));
            });
        }
        ArrayNode findings = Json.mapper().createArrayNode();
        inWindow.forEach((principal, ips) -> ips.forEach((ip, firstAndCount) -> {
            if (!seenBefore.contains(principal + " " + ip)) {
                findings.addObject().put("Principal", principal).put("SourceIp", ip)
                        .put("FirstSeen", JsonTimestamps.write(Instant.ofEpochMilli(firstAndCount[0]))).put("Calls", firstAndCount[1])
                        .put("NewPrincipal", !principalsBefore.contains(principal));
            }
        }));
        return findings;
    }

    /** Principal, then source IP, then {first seen, calls}, of successful AssumeRole* calls. */
    private Map<String, Map<String, long[]>> pairs(List<Query> window) throws IOException {
        List<Query> filters = new ArrayList<>(window);
        filters.add(Query.of(q -> q.prefix(p -> p.field("eventName").value("AssumeRole"))));
        SearchResponse<Void> response = CallerSearches.search(client, s -> s.index(AuditIndices.PATTERN).ignoreUnavailable(true).allowNoIndices(true)
                .size(0).query(q -> q.bool(b -> b.filter(filters).mustNot(n -> n.exists(e -> e.field("errorCode")))))
                .aggregations("principals", a -> a.terms(t -> t.field("user.id").size(MAX_FINDINGS))
                        .aggregations("ips", i -> i.terms(t -> t.field("sourceIPAddress").size(100))
                                .aggregations("first", f -> f.min(m -> m.field("eventTime"))))), Void.class);
        Map<String, Map<String, long[]>> pairs = new LinkedHashMap<>();
        Aggregate principals = response.aggregations().get("principals");
        if (principals == null || !principals.isSterms()) {
            return pairs;
        }
        for (StringTermsBucket principal : principals.sterms().buckets().array()) {
            Map<String, long[]> ips = pairs.computeIfAbsent(principal.key().stringValue(), p -> new LinkedHashMap<>());
            for (StringTermsBucket ip : principal.aggregations().get("ips").sterms().buckets().array()) {
                ips.put(ip.key().stringValue(), new long[] {(long) ip.aggregations().get("first").min().value(), ip.docCount()});
            }
        }
        return pairs;
    }

    /** The records that match, newest first, each a finding. */
    private ArrayNode records(List<Query> window, Query match) throws IOException {
        List<Query> filters = new ArrayList<>(window);
        filters.add(match);
        SearchResponse<ObjectNode> response = CallerSearches.search(client, s -> s.index(AuditIndices.PATTERN).ignoreUnavailable(true).allowNoIndices(true)
                .size(MAX_FINDINGS).query(q -> q.bool(b -> b.filter(filters)))
                .sort(o -> o.field(f -> f.field("eventTime").order(SortOrder.Desc))), ObjectNode.class);
        ArrayNode findings = Json.mapper().createArrayNode();
        response.hits().hits().forEach(hit -> findings.add(finding(AuditDocument.record(hit.source()))));
        return findings;
    }

    private static ObjectNode finding(ObjectNode record) {
        ObjectNode finding = Json.mapper().createObjectNode();
        JsonNode identity = record.path("userIdentity");
        finding.put("EventId", record.path("eventID").asText());
        finding.put("EventTime", record.path("eventTime").asText());
        finding.put("EventName", record.path("eventName").asText());
        finding.put("Principal", identity.path("arn").asText(identity.path("principalId").asText(identity.path("type").asText())));
        finding.put("SourceIp", record.path("sourceIPAddress").asText(null));
        if (record.hasNonNull("errorCode")) {
            finding.put("ErrorCode", record.path("errorCode").asText());
        }
        if (record.hasNonNull("sharedEventID")) {
            finding.put("Direction", identity.path("type").asText().equals("AWSAccount") ? "Inbound" : "Outbound");
        }
        finding.set("CloudTrailEvent", record);
        return finding;
    }

    /** WhoHeldRole: {"RoleArn", "At"}: the sessions of the role valid at that instant, from their issuance records. */
    public JsonNode whoHeldRole(String accountId, JsonNode request) throws IOException {
        String roleArn = request.path("RoleArn").asText("");
        if (!roleArn.matches("arn:aws:iam::\\d{12}:role/[\\x21-\\x7E]{1,512}")) {
            throw new JsonProtocolException("ValidationException", "RoleArn must be a role's ARN.");
        }
        Instant at = JsonTimestamps.optional(request.path("At"), "At");
        if (at == null) {
            throw new JsonProtocolException("ValidationException", "At is required.");
        }
        // records and expirations hold whole seconds; expirations compare as ISO-8601 text, which sorts as time
        String instant = at.truncatedTo(ChronoUnit.SECONDS).toString();
        List<Query> filters = new ArrayList<>(AuditSearch.window(accountId, null, at));
        filters.add(Query.of(q -> q.prefix(p -> p.field("eventName").value("AssumeRole"))));
        filters.add(Query.of(q -> q.term(t -> t.field("resources.ARN").value(roleArn))));
        filters.add(Query.of(q -> q.range(r -> r.term(t -> t.field("responseElements.credentials.expiration").gt(instant)))));
        SearchResponse<ObjectNode> response = CallerSearches.search(client, s -> s.index(AuditIndices.PATTERN).ignoreUnavailable(true).allowNoIndices(true)
                .size(MAX_FINDINGS).query(q -> q.bool(b -> b.filter(filters).mustNot(n -> n.exists(e -> e.field("errorCode")))))
                .sort(o -> o.field(f -> f.field("eventTime").order(SortOrder.Asc))), ObjectNode.class);
        ArrayNode sessions = Json.mapper().createArrayNode();
        for (var hit : response.hits().hits()) {
            ObjectNode record = AuditDocument.record(hit.source());
            JsonNode issued = record.path("responseElements");
            JsonNode identity = record.path("userIdentity");
            ObjectNode session = sessions.addObject()
                    .put("AssumedRoleArn", issued.path("assumedRoleUser").path("arn").asText())
                    .put("AccessKeyId", issued.path("credentials").path("accessKeyId").asText())
                    .put("IssuedAt", record.path("eventTime").asText())
                    .put("Expiration", issued.path("credentials").path("expiration").asText())
                    .put("IssuedTo", identity.path("arn").asText(identity.path("principalId").asText(identity.path("type").asText())))
                    .put("IssuedBy", record.path("eventName").asText())
                    .put("EventId", record.path("eventID").asText());
            if (issued.hasNonNull("sourceIdentity")) {
                session.put("SourceIdentity", issued.path("sourceIdentity").asText());
            }
        }
        ObjectNode result = Json.mapper().createObjectNode().put("RoleArn", roleArn).put("At", instant);
        result.set("Sessions", sessions);
        return result;
    }

    private static ObjectNode answer(String name, String description, ArrayNode findings) {
        ObjectNode result = Json.mapper().createObjectNode().put("Name", name).put("Description", description);
        result.set("Findings", findings);
        return result;
    }
}
