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

    /**
     * When a trusted producer signed the record; empty, and reported, when none did. A record signed with its batch
     * ({@link BatchSigner}) is checked alone too: its proof leads from its message to the root its signature covers, so
     * the batch's other records are not needed; with {@code verified}, the batch's signature is verified once.
     */
    public OptionalLong verify(ConsumerRecord<String, byte[]> record) {
        byte[] signer = valueOf(record, SignedMessage.HEADER_SIGNER);
        byte[] signature = valueOf(record, SignedMessage.HEADER_SIGNATURE);
        byte[] signedAt = valueOf(record, SignedMessage.HEADER_SIGNED_AT);
        if (signer == null || signature == null || signedAt == null) {
            refused.report(record, Refusal.UNSIGNED);
            return OptionalLong.empty();
        }
        String keyId = new String(signer, StandardCharsets.UTF_8);
        byte[] message = signedMessage(record);
        // key ids are the keys' creation times, so two services' ids may collide: any producer whose key verifies will do
        if (message == null || producers.stream().noneMatch(keys -> keys.verify(keyId, message, signature, verified))) {
            refused.report(record, Refusal.FORGED);
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(new String(signedAt, StandardCharsets.UTF_8)));
        } catch (NumberFormatException e) {
            // signed, so written by a producer we trust; but not by this version of Mayfly
            refused.report(record, Refusal.FORGED);
            return OptionalLong.empty();
        }
    }

    /**
     * What the record's signature must cover: its own message, or the root of the batch its proof places it in; null
     * for a proof this version cannot read, which proves nothing.
     */
    private static byte[] signedMessage(ConsumerRecord<String, byte[]> record) {
        byte[] message = SignedMessage.of(record.topic(), record.key(), record.value(), record.headers());
        Header batch = record.headers().lastHeader(SignedMessage.HEADER_BATCH);
        if (batch == null) {
            return message;
        }
        return BatchProof.parse(batch.value()).map(proof -> SignedMessage.ofBatch(proof.size(), proof.rootOver(message))).orElse(null);
    }

    /** The header's value; null when it is missing or has none (Kafka allows a header without a value). */
    private static byte[] valueOf(ConsumerRecord<String, byte[]> record, String header) {
        Header found = record.headers().lastHeader(header);
        return found == null ? null : found.value();
    }

    /** Reports a validly signed record the consumer will not use either: older than what it applied for the key. */
    public void refuseReplayed(ConsumerRecord<String, byte[]> record) {
        refused.report(record, Refusal.REPLAYED);
    }

    /** Reports a validly signed record the consumer could not apply: its value is not what the topic carries. */
    public void refuseUnusable(ConsumerRecord<String, byte[]> record) {
        refused.report(record, Refusal.UNUSABLE);
    }
}
