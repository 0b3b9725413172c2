package dev.mayfly.audit.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;

/** Timestamps of the JSON 1.1 protocol: the AWS SDKs send epoch seconds (a JSON number, maybe with a fraction). */
public final class JsonTimestamps {

    /**
     * Years 0000 to 9999 only: Elasticsearch's dates (and ISO-8601 without a sign) end there, and a query with a later
     * one would fail inside the store, answered 503, rather than as the caller's mistake.
     */
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    /** The latest time accepted, and the latest a query may name: what an operation adds to a time stops here. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private JsonTimestamps() {
    }

    /** The member's time, or null when it is absent; ISO-8601 text is accepted too. */
    public static Instant optional(JsonNode node, String name) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        Instant time;
        try {
            time = node.isNumber() ? epochSeconds(node) : Instant.parse(node.asText());
        } catch (RuntimeException e) {
            throw new JsonProtocolException("ValidationException", name + " must be a timestamp.");
        }
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw new JsonProtocolException("ValidationException", name + " must be a timestamp between the years 0 and 9999.");
        }
        return time;
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
