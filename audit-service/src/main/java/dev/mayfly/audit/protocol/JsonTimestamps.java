package dev.mayfly.audit.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;

/** Timestamps of the JSON 1.1 protocol: the AWS SDKs send epoch seconds (a JSON number, maybe with a fraction). */
public final class JsonTimestamps {

    private JsonTimestamps() {
    }

    /** The member's time, or null when it is absent; ISO-8601 text is accepted too. */
    public static Instant optional(JsonNode node, String name) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            BigDecimal seconds = node.decimalValue();
            return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        try {
            return Instant.parse(node.asText());
        } catch (RuntimeException e) {
            throw new JsonProtocolException("ValidationException", name + " must be a timestamp.");
        }
    }

    /** As the protocol writes a timestamp: epoch seconds, with milliseconds as a fraction. */
    public static double write(Instant time) {
        return time.toEpochMilli() / 1000.0;
    }
}
