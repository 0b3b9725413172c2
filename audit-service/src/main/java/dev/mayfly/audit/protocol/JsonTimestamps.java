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
        try {
            return node.isNumber() ? epochSeconds(node) : Instant.parse(node.asText());
        } catch (RuntimeException e) {
            throw new JsonProtocolException("ValidationException", name + " must be a timestamp.");
        }
    }

    /**
     * A number of seconds, refused (ArithmeticException, NumberFormatException, DateTimeException) when it is no
     * instant: infinite (1e999999999 reads as a double's infinity), past a long, or past Instant's range.
     */
    private static Instant epochSeconds(JsonNode node) {
        BigDecimal seconds = node.decimalValue();
        return Instant.ofEpochSecond(seconds.toBigInteger().longValueExact(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }

    /** As the protocol writes a timestamp: epoch seconds, with milliseconds as a fraction. */
    public static double write(Instant time) {
        return time.toEpochMilli() / 1000.0;
    }
}
