package dev.mayfly.revocation;

import dev.mayfly.contract.Json;
import dev.mayfly.contract.Topics;
import dev.mayfly.revocation.api.RevocationEvents.RuleCreated;
import dev.mayfly.revocation.api.RevocationEvents.RuleLifted;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.EventMessage;

/** Rules on the compacted topic: the rule as value under its id; a lifted rule's tombstone (null value) removes it. */
final class RevocationPublishing {

    private RevocationPublishing() {
    }

    static ProducerRecord<String, byte[]> toRevocationsTopic(EventMessage<?> event) {
        try {
            return switch (event.getPayload()) {
                case RuleCreated created -> new ProducerRecord<>(Topics.REVOCATIONS, created.rule().ruleId(),
                        Json.mapper().writeValueAsBytes(created.rule()));
                case RuleLifted lifted -> new ProducerRecord<>(Topics.REVOCATIONS, lifted.ruleId(), null);
                default -> null;
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
