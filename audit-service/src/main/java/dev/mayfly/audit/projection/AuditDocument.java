package dev.mayfly.audit.projection;

import static dev.mayfly.audit.projection.CloudTrailRecord.putIfPresent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the audit index stores for a CloudTrail record: the record's own fields at the top level, as CloudTrail writes
 * them, and beside them fields derived from it: Elastic Common Schema fields (so that Kibana, Elastic Security's
 * CloudTrail rules and any ECS dashboard read the index as they read Elastic's own CloudTrail integration), and what
 * LookupEvents filters on. The derived fields are removed again before a record is shown or hashed.
 */
public final class AuditDocument {

    public static final String LOOKUP = "mayflyLookup";
    /** Top-level fields that are not CloudTrail's. */
    static final Set<String> DERIVED = Set.of(LOOKUP, "@timestamp", "ecs", "event", "user", "source", "cloud", "user_agent", "aws",
            "trace");
    private static final String ECS_VERSION = "8.17.0";

    private AuditDocument() {
    }

    /**
     * The document for a record.
     *
     * @param ingested when the record is written to the index (ECS event.ingested): its distance from eventTime is how
     *     late the audit trail was
     */
    public static Map<String, Object> of(Map<String, Object> record, Instant ingested) {
        Map<String, Object> document = new LinkedHashMap<>(record);
        Instant eventTime = Instant.parse((String) record.get("eventTime"));
        @SuppressWarnings("unchecked")
        Map<String, Object> identity = (Map<String, Object>) record.get("userIdentity");
        String username = username(identity);
        boolean failed = record.get("errorCode") != null;

        document.put("@timestamp", eventTime.toString());
        document.put("ecs", Map.of("version", ECS_VERSION));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", record.get("eventID"));
        event.put("action", record.get("eventName"));
        event.put("provider", record.get("eventSource"));
        event.put("outcome", failed ? "failure" : "success");
        event.put("kind", "event");
        event.put("type", List.of("info"));
        event.put("module", "aws");
        event.put("dataset", "aws.cloudtrail");
        event.put("ingested", ingested.toString());
        document.put("event", event);
        Map<String, Object> user = new LinkedHashMap<>();
        putIfPresent(user, "name", username);
        putIfPresent(user, "id", identity.get("principalId"));
        document.put("user", user);
        if (record.get("sourceIPAddress") != null) {
            document.put("source", Map.of("ip", record.get("sourceIPAddress"), "address", record.get("sourceIPAddress")));
        }
        Map<String, Object> cloud = new LinkedHashMap<>();
        cloud.put("provider", "aws");
        putIfPresent(cloud, "region", record.get("awsRegion"));
        if (record.get("recipientAccountId") != null) {
            cloud.put("account", Map.of("id", record.get("recipientAccountId")));
        }
        document.put("cloud", cloud);
        if (record.get("userAgent") != null) {
            document.put("user_agent", Map.of("original", record.get("userAgent")));
        }
        document.put("aws", Map.of("cloudtrail", cloudTrailEcs(record, identity)));
        traceId(record).ifPresent(traceId -> document.put("trace", Map.of("id", traceId)));

        Map<String, Object> lookup = new LinkedHashMap<>();
        lookup.put("username", username);
        lookup.put("eventTimeMillis", eventTime.toEpochMilli());
        List<?> resources = (List<?>) record.getOrDefault("resources", List.of());
        lookup.put("resourceNames", resources.stream().map(r -> ((Map<?, ?>) r).get("ARN")).toList());
        lookup.put("resourceTypes", resources.stream().map(r -> ((Map<?, ?>) r).get("type")).distinct().toList());
        document.put(LOOKUP, lookup);
        return document;
    }

    /**
     * The trace id of a traced call (CloudTrailRecord's additionalEventData.traceId), as ECS's trace.id: the field by
     * which Elastic and other SIEMs go from an event to its trace.
     */
    private static Optional<String> traceId(Map<String, Object> record) {
        return record.get("additionalEventData") instanceof Map<?, ?> data && data.get(CloudTrailRecord.TRACE_ID) instanceof String traceId
                ? Optional.of(traceId) : Optional.empty();
    }

    /** The CloudTrail record a stored document holds, as read back from Elasticsearch. */
    public static ObjectNode record(ObjectNode document) {
        ObjectNode record = document.deepCopy();
        record.remove(DERIVED);
        return record;
    }

    /** The aws.cloudtrail.* fields of Elastic's CloudTrail integration that its detection rules read. */
    private static Map<String, Object> cloudTrailEcs(Map<String, Object> record, Map<String, Object> identity) {
        Map<String, Object> userIdentity = new LinkedHashMap<>();
        userIdentity.put("type", identity.get("type"));
        putIfPresent(userIdentity, "arn", identity.get("arn"));
        putIfPresent(userIdentity, "access_key_id", identity.get("accessKeyId"));
        Map<String, Object> ecs = new LinkedHashMap<>();
        ecs.put("user_identity", userIdentity);
        putIfPresent(ecs, "error_code", record.get("errorCode"));
        putIfPresent(ecs, "error_message", record.get("errorMessage"));
        putIfPresent(ecs, "recipient_account_id", record.get("recipientAccountId"));
        putIfPresent(ecs, "shared_event_id", record.get("sharedEventID"));
        ecs.put("event_type", record.get("eventType"));
        ecs.put("event_category", record.get("eventCategory"));
        return ecs;
    }

    /** LookupEvents' Username: the user name, "root", an assumed role's session name, or a federated user's name. */
    static String username(Map<String, Object> identity) {
        String arn = (String) identity.get("arn");
        return switch (String.valueOf(identity.get("type"))) {
            case "Root" -> "root";
            case "AssumedRole", "FederatedUser" -> arn == null ? null : arn.substring(arn.lastIndexOf('/') + 1);
            default -> (String) identity.get("userName");
        };
    }
}
