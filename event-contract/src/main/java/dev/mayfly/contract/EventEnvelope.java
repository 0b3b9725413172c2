package dev.mayfly.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The value of every record on {@link Topics#EVENTS}.
 *
 * @param eventId       unique per event; consumers drop a redelivered event by it
 * @param type          the payload's type name (for example "ApiCallRecorded", "UserCreated")
 * @param accountId     the account the event belongs to, or null
 * @param occurredAt    when the event happened
 * @param aggregateId   the aggregate that produced it, or null for events outside any aggregate
 * @param sequence      its sequence within that aggregate
 * @param payload       the event itself
 */
public record EventEnvelope(String eventId, String type, String accountId, Instant occurredAt, String aggregateId,
                            long sequence, JsonNode payload) {
}
