package dev.mayfly.audit.projection;

import dev.mayfly.contract.ApiCallRecorded;
import dev.mayfly.contract.EventEnvelope;
import dev.mayfly.contract.Json;
import java.io.IOException;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The API call a mayfly.events record carries. */
public final class ApiCalls {

    private static final Logger LOG = LoggerFactory.getLogger(ApiCalls.class);

    private ApiCalls() {
    }

    /** The call; empty for other events, and for a record no retry could ever read (logged). */
    public static Optional<ApiCallRecorded> from(ConsumerRecord<String, byte[]> record) {
        try {
            EventEnvelope envelope = Json.mapper().readValue(record.value(), EventEnvelope.class);
            if (!ApiCallRecorded.class.getSimpleName().equals(envelope.type())) {
                return Optional.empty();
            }
            return Optional.of(Json.mapper().treeToValue(envelope.payload(), ApiCallRecorded.class));
        } catch (IOException | RuntimeException e) {
            LOG.error("skipping unreadable event at {}-{} offset {}", record.topic(), record.partition(), record.offset());
            return Optional.empty();
        }
    }
}
