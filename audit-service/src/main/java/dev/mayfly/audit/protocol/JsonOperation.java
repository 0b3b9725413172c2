package dev.mayfly.audit.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * One operation of the JSON 1.1 endpoint.
 *
 * @param name      the operation, as records name it (eventName)
 * @param iamAction what a caller's policies must allow
 * @param handler   the operation's logic, always within the caller's account
 * @param readOnly  whether it only reads (its records' readOnly)
 * @param recordedAs what of a request its record keeps: the request itself, or the request with what must not be kept
 *                   (a webhook URL, which may carry a token) replaced
 */
public record JsonOperation(String name, String iamAction, Handler handler, boolean readOnly, UnaryOperator<JsonNode> recordedAs) {

    /** An operation that only reads, its requests recorded whole. */
    public JsonOperation(String name, String iamAction, Handler handler) {
        this(name, iamAction, handler, true, UnaryOperator.identity());
    }

    /** An operation whose requests are recorded whole. */
    public JsonOperation(String name, String iamAction, Handler handler, boolean readOnly) {
        this(name, iamAction, handler, readOnly, UnaryOperator.identity());
    }

    /** Answers a request of the caller's account; throws {@link JsonProtocolException} for bad input. */
    @FunctionalInterface
    public interface Handler {
        JsonNode handle(String accountId, JsonNode request) throws IOException;
    }
}
