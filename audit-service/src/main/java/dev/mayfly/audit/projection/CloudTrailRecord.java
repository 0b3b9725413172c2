package dev.mayfly.audit.projection;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CloudTrail record (eventVersion 1.11) of an API call, as the document stored in Elasticsearch.
 * Beside CloudTrail's own fields it carries {@value #LOOKUP} (derived fields that LookupEvents filters on),
 * which is removed again before a record is shown.
 */
public final class CloudTrailRecord {

    public static final String LOOKUP = "mayflyLookup";
    static final String EVENT_VERSION = "1.11";

    private CloudTrailRecord() {
    }

    public static Map<String, Object> of(ApiCallRecorded call) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventVersion", EVENT_VERSION);
        record.put("userIdentity", userIdentity(call.userIdentity()));
        record.put("eventTime", call.eventTime().truncatedTo(ChronoUnit.SECONDS).toString());
        record.put("eventSource", call.eventSource());
        record.put("eventName", call.eventName());
        record.put("awsRegion", call.awsRegion());
        record.put("sourceIPAddress", call.sourceIpAddress());
        record.put("userAgent", call.userAgent());
        if (call.errorCode() != null) {
            record.put("errorCode", call.errorCode());
            record.put("errorMessage", call.errorMessage());
        }
        record.put("requestParameters", call.requestParameters() == null || call.requestParameters().isEmpty() ? null : call.requestParameters());
        record.put("responseElements", call.responseElements());
        record.put("requestID", call.requestId());
        record.put("eventID", call.eventId());
        record.put("readOnly", call.readOnly());
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Resource resource : call.resources() == null ? List.<Resource>of() : call.resources()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("ARN", resource.arn());
            r.put("accountId", resource.accountId());
            r.put("type", resource.type());
            resources.add(r);
        }
        if (!resources.isEmpty()) {
            record.put("resources", resources);
        }
        record.put("eventType", "AwsApiCall");
        record.put("managementEvent", true);
        record.put("recipientAccountId", call.recipientAccountId());
        record.put("eventCategory", "Management");
        record.put(LOOKUP, lookup(call));
        return record;
    }

    private static Map<String, Object> userIdentity(UserIdentity identity) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (identity == null) {
            out.put("type", "Unknown");
            return out;
        }
        out.put("type", identity.type());
        out.put("principalId", identity.principalId());
        out.put("arn", identity.arn());
        out.put("accountId", identity.accountId());
        out.put("accessKeyId", identity.accessKeyId());
        if (identity.userName() != null) {
            out.put("userName", identity.userName());
        }
        if (identity.sessionContext() != null) {
            var context = identity.sessionContext();
            Map<String, Object> session = new LinkedHashMap<>();
            if (context.sessionIssuer() != null) {
                Map<String, Object> issuer = new LinkedHashMap<>();
                issuer.put("type", context.sessionIssuer().type());
                issuer.put("principalId", context.sessionIssuer().principalId());
                issuer.put("arn", context.sessionIssuer().arn());
                issuer.put("accountId", context.sessionIssuer().accountId());
                issuer.put("userName", context.sessionIssuer().userName());
                session.put("sessionIssuer", issuer);
            }
            session.put("attributes", Map.of("creationDate", context.creationDate().truncatedTo(ChronoUnit.SECONDS).toString(),
                    "mfaAuthenticated", Boolean.toString(context.mfaAuthenticated())));
            if (context.sourceIdentity() != null) {
                session.put("sourceIdentity", context.sourceIdentity());
            }
            out.put("sessionContext", session);
        }
        return out;
    }

    /** What LookupEvents filters on, derived once at write time. */
    private static Map<String, Object> lookup(ApiCallRecorded call) {
        Map<String, Object> lookup = new LinkedHashMap<>();
        lookup.put("username", username(call.userIdentity()));
        lookup.put("eventTimeMillis", call.eventTime().toEpochMilli());
        List<Resource> resources = call.resources() == null ? List.of() : call.resources();
        lookup.put("resourceNames", resources.stream().map(Resource::arn).toList());
        lookup.put("resourceTypes", resources.stream().map(Resource::type).distinct().toList());
        return lookup;
    }

    /** LookupEvents' Username: the user name, "root", or an assumed role's session name. */
    static String username(UserIdentity identity) {
        if (identity == null) {
            return null;
        }
        return switch (identity.type()) {
            case "Root" -> "root";
            case "IAMUser" -> identity.userName();
            case "AssumedRole" -> identity.arn().substring(identity.arn().lastIndexOf('/') + 1);
            default -> identity.userName();
        };
    }
}
