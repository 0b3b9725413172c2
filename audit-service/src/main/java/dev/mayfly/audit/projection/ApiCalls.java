package dev.mayfly.audit.projection;

import dev.mayfly.audit.projection.Delivery.Origin;
import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.EventEnvelope;
import dev.mayfly.contract.Json;
import dev.mayfly.kafka.signed.RecordVerifier;
import java.io.IOException;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The API call a mayfly.events record carries, once a service that produces the topic is known to have signed the
 * record: a record anyone else wrote never becomes an audit record or a digest entry. A signed record read twice (an old
 * one published again) is the same event id, which the projection writes over and the digests list once.
 */
public final class ApiCalls {

    private final RecordVerifier producers;

    /** @param producers holds the public keys of the services that produce mayfly.events */
    public ApiCalls(RecordVerifier producers) {
        this.producers = producers;
    }

    /**
     * The call a record carries; empty for other events and for records no producer signed (which the verifier reports).
     * A signed record that reads as neither (not JSON, not an envelope, a payload that is no API call) is a delivery
     * saying why, so that it is set aside rather than skipped unseen.
     */
    public Optional<Delivery> from(ConsumerRecord<String, byte[]> record) {
        if (producers.verify(record).isEmpty()) {
            return Optional.empty();
        }
        Origin origin = new Origin(record.topic(), record.partition(), record.offset());
        byte[] raw = record.value() == null ? new byte[0] : record.value();
        return read(raw, origin);
    }

    /**
     * The call that bytes set aside earlier carry: a mayfly.events record (an envelope), or a call as an event store held
     * it; empty when they carry none.
     */
    public static Optional<ApiCallRecorded> read(byte[] raw) {
        Optional<ApiCallRecorded> fromEnvelope = read(raw, Origin.EVENT_STORE).flatMap(Delivery::call);
        if (fromEnvelope.isPresent()) {
            return fromEnvelope;
        }
        try {
            return Optional.ofNullable(Json.mapper().readValue(raw, ApiCallRecorded.class)).filter(call -> call.eventId() != null
                    && call.eventTime() != null);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Delivery> read(byte[] raw, Origin origin) {
        try {
            EventEnvelope envelope = Json.mapper().readValue(raw, EventEnvelope.class);
            if (envelope == null || envelope.type() == null) {
                return Optional.of(Delivery.unreadable("not an event envelope", origin, raw));
            }
            if (!ApiCallRecorded.class.getSimpleName().equals(envelope.type())) {
                return Optional.empty();
            }
            ApiCallRecorded call = Json.mapper().treeToValue(envelope.payload(), ApiCallRecorded.class);
            if (call == null || call.eventId() == null || call.eventTime() == null) {
                return Optional.of(Delivery.unreadable("an API call without eventId or eventTime", origin, raw));
            }
            return Optional.of(Delivery.of(call, origin, raw));
        } catch (IOException | RuntimeException e) {
            return Optional.of(Delivery.unreadable("unreadable: " + e.getClass().getSimpleName(), origin, raw));
        }
    }
}
