package dev.mayfly.audit.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * One operation of the JSON 1.1 endpoint.
 *
 * @param name      the operation, as records name it (eventName)
 * @param iamAction what a caller's policies must allow
 * @param handler   the operation's logic, always within the caller's account
 * @param readOnly  whether it only reads (its records' readOnly)
 */
public record JsonOperation(String name, String iamAction, Handler handler, boolean readOnly) {

    /** An operation that only reads. */
    public JsonOperation(String name, String iamAction, Handler handler) {
        this(name, iamAction, handler, true);
    }

    /** Answers a request of the caller's account; throws {@link JsonProtocolException} for bad input. */
    @FunctionalInterface
    public interface Handler {
        JsonNode handle(String accountId, JsonNode request) throws IOException;
    }
}
