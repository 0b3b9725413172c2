package dev.mayfly.audit.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** CloudTrail's requestParameters of a JSON 1.1 call: the request's non-null members, names in lower camel case. */
final class RequestParameters {

    private RequestParameters() {
    }

    static Map<String, Object> of(JsonNode body) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        body.fields().forEachRemaining(field -> {
            if (!field.getValue().isNull()) {
                parameters.put(lowerCamelCase(field.getKey()), Json.mapper().convertValue(field.getValue(), Object.class));
            }
        });
        return parameters;
    }

    /** A caller can send a member named "": it is recorded under that name, not turned into a failure of the call. */
    private static String lowerCamelCase(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
