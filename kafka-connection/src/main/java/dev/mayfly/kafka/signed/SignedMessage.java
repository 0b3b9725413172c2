package dev.mayfly.kafka.signed;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * What a feed record's signature covers, and the headers that carry it. The message is a label (so that no signature made
 * for something else, such as a session's claims with the same key, can pass for a record's), then the topic, the key,
 * the value and every other header in order (the producer's signed-at stamp, an event's id and type), each prefixed with
 * its length: a signed record cannot be moved to another topic or key, nor have a header changed, and no two different
 * records make the same message.
 *
 * <p>A publisher that sends a batch at once (the issuer's events on mayfly.events) signs the batch instead: the records'
 * messages are the leaves of a Merkle tree ({@link MerkleTree}), the signature covers another label, the tree's size and
 * its root ({@link #ofBatch}), and each record carries its place in the tree ({@link #HEADER_BATCH}). The two labels keep
 * a record's signature from passing for a batch's and the other way round.
 */
public final class SignedMessage {

    /** The id of the key that signed the record. */
    public static final String HEADER_SIGNER = "mayfly-signer";
    /** The Ed25519 signature, raw. */
    public static final String HEADER_SIGNATURE = "mayfly-signature";
    /**
     * When the producer signed, in epoch milliseconds (decimal), strictly increasing per producer process: consumers of a
     * compacted topic refuse a record older than the one they applied for its key.
     */
    public static final String HEADER_SIGNED_AT = "mayfly-signed-at";
    /**
     * Only on a record whose signature covers its whole batch: its {@link BatchProof}, from which a consumer recomputes
     * the root the signature is over.
     */
    public static final String HEADER_BATCH = "mayfly-signature-batch";
    private static final byte[] LABEL = "mayfly-feed-record\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BATCH_LABEL = "mayfly-feed-batch\n".getBytes(StandardCharsets.UTF_8);

    private SignedMessage() {
    }

    static byte[] of(String topic, String key, byte[] value, Headers headers) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(LABEL);
            field(out, topic.getBytes(StandardCharsets.UTF_8));
            field(out, key == null ? null : key.getBytes(StandardCharsets.UTF_8));
            field(out, value);
            for (Header header : headers) {
                if (!isSignature(header.key())) {
                    field(out, header.key().getBytes(StandardCharsets.UTF_8));
                    field(out, header.value());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * What a batch's signature covers: the label, the tree's size (a size that lies leads to another message) and its
     * root.
     */
    static byte[] ofBatch(int size, byte[] root) {
        return ByteBuffer.allocate(BATCH_LABEL.length + Integer.BYTES + root.length).put(BATCH_LABEL).putInt(size).put(root).array();
    }

    /** The headers that carry the signature, which it cannot cover. */
    static boolean isSignature(String header) {
        return header.equals(HEADER_SIGNER) || header.equals(HEADER_SIGNATURE) || header.equals(HEADER_BATCH);
    }

    private static void field(DataOutputStream out, byte[] field) throws IOException {
        if (field == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(field.length);
        out.write(field);
    }
}
