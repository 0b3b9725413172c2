package dev.mayfly.kafka.signed;

import dev.mayfly.signing.PublicKeys;
import dev.mayfly.signing.VerifiedSignatures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Checks that a record of a signed feed was signed by one of the services allowed to produce its topic, before anything
 * uses it; reports those it refuses to {@link RefusedRecords}. Unsigned records are refused too: whoever reaches the
 * brokers can write one (records written before feeds were signed are republished signed by their producers, see
 * docs/security-model.md).
 */
public final class RecordVerifier {

    private final List<PublicKeys> producers;
    private final RefusedRecords refused;
    private final VerifiedSignatures verified;

    /** @param producers the public keys of each service that produces the topic */
    public RecordVerifier(List<? extends PublicKeys> producers, RefusedRecords refused) {
        this(producers, refused, VerifiedSignatures.none());
    }

    /**
     * @param verified signatures already verified, shared with the process's other readers of the same records, so
     *                 that each record's signature is verified once in the process
     */
    public RecordVerifier(List<? extends PublicKeys> producers, RefusedRecords refused, VerifiedSignatures verified) {
        this.producers = List.copyOf(producers);
        this.refused = refused;
        this.verified = verified;
    }

    /** When a trusted producer signed the record; empty, and reported, when none did. */
    public OptionalLong verify(ConsumerRecord<String, byte[]> record) {
        Header signer = record.headers().lastHeader(SignedMessage.HEADER_SIGNER);
        Header signature = record.headers().lastHeader(SignedMessage.HEADER_SIGNATURE);
        Header signedAt = record.headers().lastHeader(SignedMessage.HEADER_SIGNED_AT);
        if (signer == null || signature == null || signedAt == null) {
            refused.report(record, Refusal.UNSIGNED);
            return OptionalLong.empty();
        }
        String keyId = new String(signer.value(), StandardCharsets.UTF_8);
        byte[] message = SignedMessage.of(record.topic(), record.key(), record.value(), record.headers());
        // key ids are the keys' creation times, so two services' ids may collide: any producer whose key verifies will do
        if (producers.stream().noneMatch(keys -> keys.verify(keyId, message, signature.value(), verified))) {
            refused.report(record, Refusal.FORGED);
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(new String(signedAt.value(), StandardCharsets.UTF_8)));
        } catch (NumberFormatException e) {
            // signed, so written by a producer we trust; but not by this version of Mayfly
            refused.report(record, Refusal.FORGED);
            return OptionalLong.empty();
        }
    }

    /** Reports a validly signed record the consumer will not use either: older than what it applied for the key. */
    public void refuseReplayed(ConsumerRecord<String, byte[]> record) {
        refused.report(record, Refusal.REPLAYED);
    }
}
