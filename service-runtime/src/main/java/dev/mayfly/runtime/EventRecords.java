package dev.mayfly.runtime;

import dev.mayfly.contract.EventEnvelope;
import dev.mayfly.contract.Json;
import dev.mayfly.contract.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The one way an event becomes a record on mayfly.events: keyed by account, with id and type headers. */
public final class EventRecords {

    private EventRecords() {
    }

    public static ProducerRecord<String, byte[]> toEventsTopic(EventEnvelope envelope) {
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.EVENTS,
                    envelope.accountId() == null ? Topics.NO_ACCOUNT_KEY : envelope.accountId(),
                    Json.mapper().writeValueAsBytes(envelope));
            record.headers().add(Topics.HEADER_EVENT_ID, envelope.eventId().getBytes(StandardCharsets.UTF_8));
            record.headers().add(Topics.HEADER_EVENT_TYPE, envelope.type().getBytes(StandardCharsets.UTF_8));
            return record;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
