package dev.mayfly.audit.projection;

import dev.mayfly.contract.ApiCallRecorded;
import java.util.Optional;

/**
 * A record handed to the audit's sinks: the call it carries, or why it carries none, with where it came from and its
 * bytes as they arrived, so that a record a sink refuses can be set aside whole.
 *
 * @param call       the API call; empty when the record could not be read as one
 * @param unreadable why the record could not be read; null when it could
 * @param origin     where it came from
 * @param raw        its bytes as they arrived; null for a call read from an event store (its JSON stands for them)
 */
public record Delivery(Optional<ApiCallRecorded> call, String unreadable, Origin origin, byte[] raw) {

    /** Where a record came from: a position on a Kafka topic, or an event store (no position). */
    public record Origin(String topic, Integer partition, Long offset) {

        public static final Origin EVENT_STORE = new Origin("event-store", null, null);

        /** A stable name of the position, for a set-aside record's id; null for an event store. */
        String position() {
            return offset == null ? null : topic + "-" + partition + "-" + offset;
        }
    }

    static Delivery of(ApiCallRecorded call, Origin origin, byte[] raw) {
        return new Delivery(Optional.of(call), null, origin, raw);
    }

    static Delivery unreadable(String reason, Origin origin, byte[] raw) {
        return new Delivery(Optional.empty(), reason, origin, raw);
    }
}
