package dev.mayfly.audit.projection;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.ApiCallRecorded.Resource;
import dev.mayfly.contract.ApiCallRecorded.SessionContext;
import dev.mayfly.contract.ApiCallRecorded.UserIdentity;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The CloudTrail records (eventVersion 1.11) of an API call, exactly the fields CloudTrail writes, absent ones left out.
 *
 * <p>A call across accounts (AssumeRole of another account's role) is recorded in both: the caller's account sees its
 * own principal, the role's account sees the caller as an {@code AWSAccount}; the two share a sharedEventID. Ids of the
 * second record are derived from the first, so that projecting the same event twice writes the same two records. The
 * caller's record of a refused call is the same whether the other account got one or not: nothing in it says that the
 * role it named exists.
 */
public final class CloudTrailRecord {

    static final String EVENT_VERSION = "1.11";
    private static final String ROLE = "AWS::IAM::Role";
    /** The name of the trace id in a record's additionalEventData. */
    public static final String TRACE_ID = "traceId";

    private CloudTrailRecord() {
    }

    /** The call's records: one in the recipient account, and one in the other account of a cross-account call. */
    public static List<Map<String, Object>> of(ApiCallRecorded call) {
        Optional<String> otherAccount = otherAccount(call);
        if (otherAccount.isEmpty()) {
            return List.of(record(call, call.eventId(), call.recipientAccountId(), userIdentity(call.userIdentity()), null));
        }
        String shared = derivedId("shared", call.eventId());
        // the caller's record of a refusal is the same whether or not the other account got one: it would tell that the role exists
        String callersShared = call.errorCode() == null ? shared : null;
        return List.of(
                record(call, call.eventId(), call.recipientAccountId(), userIdentity(call.userIdentity()), callersShared),
                record(call, derivedId(otherAccount.get(), call.eventId()), otherAccount.get(), awsAccount(call.userIdentity()), shared));
    }

    /** The accounts {@link #of} gives the call a record in: its recipient, and the other account of a cross-account call. */
    public static List<String> recipients(ApiCallRecorded call) {
        Optional<String> otherAccount = otherAccount(call);
        return otherAccount.isEmpty() ? Collections.singletonList(call.recipientAccountId())
                : List.of(call.recipientAccountId(), otherAccount.get());
    }

    private static Map<String, Object> record(ApiCallRecorded call, String eventId, String recipient, Map<String, Object> identity,
                                              String sharedEventId) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventVersion", EVENT_VERSION);
        record.put("userIdentity", identity);
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
        putIfPresent(record, "additionalEventData", additionalEventData(call));
        record.put("requestID", call.requestId());
        record.put("eventID", eventId);
        record.put("readOnly", call.readOnly());
        List<Map<String, Object>> resources = resources(call, recipient);
        if (!resources.isEmpty()) {
            record.put("resources", resources);
        }
        record.put("eventType", "AwsApiCall");
        record.put("managementEvent", true);
        record.put("recipientAccountId", recipient);
        if (sharedEventId != null) {
            record.put("sharedEventID", sharedEventId);
        }
        record.put("eventCategory", "Management");
        if (call.tlsDetails() != null) {
            Map<String, Object> tls = new LinkedHashMap<>();
            tls.put("tlsVersion", call.tlsDetails().tlsVersion());
            tls.put("cipherSuite", call.tlsDetails().cipherSuite());
            putIfPresent(tls, "clientProvidedHostHeader", call.tlsDetails().clientProvidedHostHeader());
            record.put("tlsDetails", tls);
        }
        return record;
    }

    /**
     * The call's additionalEventData, with its trace id as "traceId" when it was traced: CloudTrail has no field for it,
     * and additionalEventData is where CloudTrail puts what a service adds about a call. It leads from a SIEM's hit on
     * the record to the call's trace.
     */
    private static Map<String, Object> additionalEventData(ApiCallRecorded call) {
        if (call.traceId() == null) {
            return call.additionalEventData();
        }
        Map<String, Object> data = new LinkedHashMap<>(call.additionalEventData() == null ? Map.of() : call.additionalEventData());
        data.put(TRACE_ID, call.traceId());
        return data;
    }

    /**
     * The resources a record names. A refused call's record names only the recipient account's own: a refusal names
     * another account's resource (the role of a refused AssumeRole) only when it exists, which the caller, who reads its
     * own trail, must not learn from it.
     */
    private static List<Map<String, Object>> resources(ApiCallRecorded call, String recipient) {
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Resource resource : call.resources() == null ? List.<Resource>of() : call.resources()) {
            if (call.errorCode() != null && !java.util.Objects.equals(resource.accountId(), recipient)) {
                continue;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("ARN", resource.arn());
            r.put("accountId", resource.accountId());
            r.put("type", resource.type());
            resources.add(r);
        }
        return resources;
    }

    /**
     * The account on the other side of the call, when it is not the recipient's: the account of the role an AssumeRole
     * assumed, or was refused, as its resource names it. Never the account of the RoleArn a caller asked for: a refusal
     * names the role only when it exists, so that nobody can write into the trail of an account by naming it.
     */
    static Optional<String> otherAccount(ApiCallRecorded call) {
        if (!"AssumeRole".equals(call.eventName()) || call.recipientAccountId() == null || call.userIdentity() == null
                || call.resources() == null) {
            return Optional.empty();
        }
        return call.resources().stream().filter(resource -> ROLE.equals(resource.type())).map(Resource::accountId)
                .filter(account -> account != null && !account.equals(call.recipientAccountId())).findFirst();
    }

    private static String derivedId(String purpose, String eventId) {
        return UUID.nameUUIDFromBytes((purpose + "/" + eventId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** How the other account of a cross-account call sees the caller: its account and principal id, nothing more. */
    private static Map<String, Object> awsAccount(UserIdentity caller) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "AWSAccount");
        putIfPresent(out, "principalId", caller.principalId());
        putIfPresent(out, "accountId", caller.accountId());
        return out;
    }

    private static Map<String, Object> userIdentity(UserIdentity identity) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (identity == null) {
            out.put("type", "Unknown");
            return out;
        }
        out.put("type", identity.type());
        putIfPresent(out, "principalId", identity.principalId());
        putIfPresent(out, "arn", identity.arn());
        putIfPresent(out, "accountId", identity.accountId());
        putIfPresent(out, "accessKeyId", identity.accessKeyId());
        putIfPresent(out, "userName", identity.userName());
        putIfPresent(out, "identityProvider", identity.identityProvider());
        if (identity.sessionContext() != null) {
            out.put("sessionContext", sessionContext(identity.sessionContext()));
        }
        return out;
    }

    private static Map<String, Object> sessionContext(SessionContext context) {
        Map<String, Object> session = new LinkedHashMap<>();
        if (context.sessionIssuer() != null) {
            Map<String, Object> issuer = new LinkedHashMap<>();
            issuer.put("type", context.sessionIssuer().type());
            putIfPresent(issuer, "principalId", context.sessionIssuer().principalId());
            issuer.put("arn", context.sessionIssuer().arn());
            issuer.put("accountId", context.sessionIssuer().accountId());
            putIfPresent(issuer, "userName", context.sessionIssuer().userName());
            session.put("sessionIssuer", issuer);
        }
        if (context.federatedProvider() != null) {
            session.put("webIdFederationData", Map.of("federatedProvider", context.federatedProvider(), "attributes", Map.of()));
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("creationDate", context.creationDate().truncatedTo(ChronoUnit.SECONDS).toString());
        attributes.put("mfaAuthenticated", Boolean.toString(context.mfaAuthenticated()));
        session.put("attributes", attributes);
        putIfPresent(session, "sourceIdentity", context.sourceIdentity());
        return session;
    }

    static void putIfPresent(Map<String, Object> map, String name, Object value) {
        if (value != null) {
            map.put(name, value);
        }
    }
}
