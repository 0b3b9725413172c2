package dev.mayfly.revocation;

import dev.mayfly.contract.Json;
import dev.mayfly.contract.RevocationRule;
import dev.mayfly.contract.Topics;
import dev.mayfly.kafka.signed.RecordSigner;
import dev.mayfly.revocation.api.RevocationEvents.RuleCreated;
import dev.mayfly.revocation.api.RevocationEvents.RuleLifted;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.EventMessage;

/**
 * Rules on the compacted topic: the rule as value under its id; a lifted rule's tombstone (null value) removes it. Every
 * record is signed with the revocation service's key (by the publisher that sends it).
 */
final class RevocationPublishing {

    private RevocationPublishing() {
    }

    static ProducerRecord<String, byte[]> toRevocationsTopic(EventMessage<?> event) {
        return switch (event.getPayload()) {
            case RuleCreated created -> toRevocationsTopic(created.rule());
            case RuleLifted lifted -> new ProducerRecord<>(Topics.REVOCATIONS, lifted.ruleId(), null);
            default -> null;
        };
    }

    private static ProducerRecord<String, byte[]> toRevocationsTopic(RevocationRule rule) {
        try {
            return new ProducerRecord<>(Topics.REVOCATIONS, rule.ruleId(), Json.mapper().writeValueAsBytes(rule));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Publishes every rule in force again, signed now, and waits for Kafka to have them: records written before feeds were
     * signed are refused by consumers, and a newer signed record per rule is what a consumer then applies. A rule lifted
     * while they are sent must have its tombstone sent again after them ({@link #lifted}).
     */
    static void republish(Collection<RevocationRule> rules, Producer<String, byte[]> producer, RecordSigner signer)
            throws InterruptedException, ExecutionException, TimeoutException {
        for (RevocationRule rule : rules) {
            producer.send(signer.sign(toRevocationsTopic(rule))).get(30, TimeUnit.SECONDS);
        }
    }

    /** Publishes these lifted rules' tombstones again, signed now, and waits for Kafka to have them. */
    static void lifted(Collection<String> ruleIds, Producer<String, byte[]> producer, RecordSigner signer)
            throws InterruptedException, ExecutionException, TimeoutException {
        for (String ruleId : ruleIds) {
            producer.send(signer.sign(new ProducerRecord<>(Topics.REVOCATIONS, ruleId, null))).get(30, TimeUnit.SECONDS);
        }
    }
}
