package dev.mayfly.kafka.signed;

import dev.mayfly.signing.SigningKeyRing;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Signs the records a service produces on mayfly.revocations, mayfly.policies and mayfly.events with the service's own
 * key ring ({@link SignedMessage} says what is covered), so that consumers can tell them from records anyone who reaches
 * the brokers could write. One per service, shared by its producers: its signed-at stamps increase strictly across all
 * of them. A publisher that sends batches signs each batch once instead ({@link BatchSigner}, which stamps with this
 * signer's clock and signs with its ring).
 */
public final class RecordSigner {

    private final Clock clock;
    private final AtomicLong lastSignedAt = new AtomicLong();
    private volatile SigningKeyRing keys;

    public RecordSigner(SigningKeyRing keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** Signs with this ring's newest key from now on (after a rotation). */
    public void use(SigningKeyRing rotated) {
        this.keys = rotated;
    }

    /** The id of the key records are signed with now; shown to operators, never the key. */
    public String currentKeyId() {
        return keys.currentKeyId();
    }

    /**
     * Stamps and signs the record, before it is sent (its headers cannot change after).
     *
     * @return the record, for chaining
     */
    public ProducerRecord<String, byte[]> sign(ProducerRecord<String, byte[]> record) {
        stamp(record);
        SigningKeyRing.Signature signature = signature(SignedMessage.of(record.topic(), record.key(), record.value(), record.headers()));
        record.headers().add(SignedMessage.HEADER_SIGNER, signature.keyId().getBytes(StandardCharsets.UTF_8));
        record.headers().add(SignedMessage.HEADER_SIGNATURE, signature.bytes());
        return record;
    }

    /** Replaces whatever signature and stamp the record carries by a new signed-at stamp, the only one of the headers signed. */
    void stamp(ProducerRecord<String, byte[]> record) {
        // a record re-sent after a failed batch is mapped again, but a caller may also hand the same one twice
        record.headers().remove(SignedMessage.HEADER_SIGNER).remove(SignedMessage.HEADER_SIGNATURE)
                .remove(SignedMessage.HEADER_BATCH).remove(SignedMessage.HEADER_SIGNED_AT);
        // strictly increasing even within one millisecond, so that a lift signed just after its rule is never "older"
        long signedAt = lastSignedAt.updateAndGet(last -> Math.max(last + 1, clock.millis()));
        record.headers().add(SignedMessage.HEADER_SIGNED_AT, Long.toString(signedAt).getBytes(StandardCharsets.UTF_8));
    }

    /** The message signed with the ring's current key. */
    SigningKeyRing.Signature signature(byte[] message) {
        return keys.sign(message);
    }
}
