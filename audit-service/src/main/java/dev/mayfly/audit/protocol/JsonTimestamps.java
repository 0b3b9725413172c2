package dev.mayfly.audit.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Timestamps of the JSON 1.1 protocol: the AWS SDKs send epoch seconds (a JSON number, maybe with a fraction). */
public final class JsonTimestamps {

    private JsonTimestamps() {
    }

    /**
     * The times a request may name: years 0 to 9999, which every store behind the operations can search. Beyond them a
     * number of seconds was not even an Instant, and the failure was answered 503, the store unavailable (found by
     * ./mayfly bench fuzz).
     */
    private static final Instant EARLIEST = LocalDate.of(0, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant LATEST = LocalDate.of(10_000, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

    /** The member's time, or null when it is absent; ISO-8601 text is accepted too. */
    public static Instant optional(JsonNode node, String name) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        try {
            Instant time = node.isNumber() ? epochSeconds(node.decimalValue()) : Instant.parse(node.asText());
            if (!time.isBefore(EARLIEST) && time.isBefore(LATEST)) {
                return time;
            }
        } catch (RuntimeException e) {
            // not a time: answered below
        }
        throw new JsonProtocolException("ValidationException", name + " must be a timestamp, in the years 0 to 9999.");
    }

    /** Seconds beyond a long's range fail here, rather than wrap around into some other time. */
    private static Instant epochSeconds(BigDecimal seconds) {
        return Instant.ofEpochSecond(seconds.toBigInteger().longValueExact(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }

    /** As the protocol writes a timestamp: epoch seconds, with milliseconds as a fraction. */
    public static double write(Instant time) {
        return time.toEpochMilli() / 1000.0;
    }
}
