package dev.mayfly.eventstore;

import dev.mayfly.contract.ApiCallRecorded;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * Publishes API-call events into the current unit of work, so they commit with whatever the call changed.
 * Request parameters that carry secrets (web identity tokens, SAML assertions, MFA codes, passwords) are
 * dropped before the event exists.
 */
public final class ApiCallRecorder {

    /** Parameters that are, or can be, bearer secrets. */
    private static final Set<String> SECRET_PARAMETERS = Set.of("webidentitytoken", "samlassertion", "tokencode",
            "password", "newpassword", "oldpassword", "authenticationcode1", "authenticationcode2", "secretaccesskey",
            "sessiontoken", "x-amz-security-token", "x-amz-signature", "x-amz-credential");
    private static final Set<String> PROTOCOL_PARAMETERS = Set.of("action", "version", "x-amz-algorithm", "x-amz-date",
            "x-amz-expires", "x-amz-signedheaders");
    private static final int MAX_VALUE_CHARS = 10_240;
    /** Query parameters that the API models type as booleans. */
    private static final Set<String> BOOLEANS = Set.of("SetAsDefault", "OnlyAttached");
    /** A member of a Query-protocol list: the list's name, the member's number, and the member's field if it has fields. */
    private static final Pattern LIST_MEMBER = Pattern.compile("([^.]+)\\.member\\.(\\d{1,4})(?:\\.(.+))?");

    /**
     * The metadata entry that names an API call's account, so that the publisher can key its record without reading the
     * stored payload back into an object (see {@link KafkaPublishing#toEventsTopic}).
     */
    static final String ACCOUNT_ID = "accountId";

    private final EventBus eventBus;

    public ApiCallRecorder(EventBus eventBus) {
        this.eventBus = eventBus;
    }

    public void record(ApiCallRecorded call) {
        MetaData metaData = call.accountId() == null ? MetaData.emptyInstance() : MetaData.with(ACCOUNT_ID, call.accountId());
        eventBus.publish(new GenericEventMessage<>(call.eventId(), call, metaData, call.eventTime()));
    }

    /**
     * CloudTrail's requestParameters from a Query request: parameter names in lower camel case, secrets and
     * protocol parameters left out, values bounded. Lists, which the Query protocol spells as numbered members
     * ({@code Tags.member.1.Key}, {@code TagKeys.member.1}), become arrays as CloudTrail writes them
     * ({@code "tags": [{"key": ...}]}, {@code "tagKeys": [...]}), in member order.
     */
    public static Map<String, Object> requestParameters(Map<String, String> parameters, Set<String> numbers) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, SortedMap<Integer, Object>> lists = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (SECRET_PARAMETERS.contains(lower) || PROTOCOL_PARAMETERS.contains(lower) || name.isEmpty()) {
                return;
            }
            String bounded = value.length() > MAX_VALUE_CHARS ? value.substring(0, MAX_VALUE_CHARS) : value;
            Matcher member = LIST_MEMBER.matcher(name);
            if (!member.matches()) {
                out.put(lowerCamel(name), typed(name, bounded, numbers));
                return;
            }
            String list = lowerCamel(member.group(1));
            SortedMap<Integer, Object> members = lists.computeIfAbsent(list, key -> {
                out.put(key, null); // holds the list's place among the parameters
                return new TreeMap<>();
            });
            int index = Integer.parseInt(member.group(2));
            if (member.group(3) == null) {
                members.put(index, bounded);
            } else {
                fieldsOf(members, index).put(lowerCamel(member.group(3)), bounded);
            }
        });
        lists.forEach((list, members) -> out.put(list, List.copyOf(members.values())));
        return out;
    }

    /**
     * A parameter's value as its API model types it, as CloudTrail records it ({@code "durationSeconds": 1200}); a value
     * that is not of its type stays the text the caller sent, which the action refuses.
     */
    private static Object typed(String name, String value, Set<String> numbers) {
        if (numbers.contains(name) && value.matches("-?\\d{1,9}")) {
            return Integer.valueOf(value);
        }
        if (BOOLEANS.contains(name) && (value.equals("true") || value.equals("false"))) {
            return Boolean.valueOf(value);
        }
        return value;
    }

    /** The fields of a list's member, as an object; a member already given as a plain value keeps it, and the field is dropped. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> fieldsOf(SortedMap<Integer, Object> members, int index) {
        Object member = members.computeIfAbsent(index, i -> new LinkedHashMap<String, String>());
        return member instanceof Map<?, ?> fields ? (Map<String, String>) fields : new LinkedHashMap<>();
    }

    private static String lowerCamel(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
