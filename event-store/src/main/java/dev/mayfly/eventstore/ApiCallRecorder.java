package dev.mayfly.eventstore;

import dev.mayfly.contract.ApiCallRecorded;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

    private final EventBus eventBus;

    public ApiCallRecorder(EventBus eventBus) {
        this.eventBus = eventBus;
    }

    public void record(ApiCallRecorded call) {
        eventBus.publish(new GenericEventMessage<>(call.eventId(), call, MetaData.emptyInstance(), call.eventTime()));
    }

    /**
     * CloudTrail's requestParameters from a Query request: parameter names in lower camel case, secrets and
     * protocol parameters left out, values bounded.
     */
    public static Map<String, Object> requestParameters(Map<String, String> parameters) {
        Map<String, Object> out = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (SECRET_PARAMETERS.contains(lower) || PROTOCOL_PARAMETERS.contains(lower) || name.isEmpty()) {
                return;
            }
            out.put(Character.toLowerCase(name.charAt(0)) + name.substring(1),
                    value.length() > MAX_VALUE_CHARS ? value.substring(0, MAX_VALUE_CHARS) : value);
        });
        return out;
    }
}
