package dev.mayfly.kafka.signed;

import dev.mayfly.signing.SigningKeyRing;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Signs a publisher's batch of records with one signature, each record still verifiable alone: the records' messages are
 * the leaves of a Merkle tree, the signature covers its root ({@link SignedMessage#ofBatch}), and each record carries the
 * signature and its own {@link BatchProof}. One Ed25519 signature per batch rather than per record; a consumer that
 * keeps {@link dev.mayfly.signing.VerifiedSignatures} verifies it once per batch, and a few SHA-256 per record.
 *
 * <p>Stamps with, and signs with the ring of, its {@link RecordSigner}: the service's signed-at stamps keep increasing
 * strictly across its per-record and batch signatures, and a rotation reaches both.
 */
public final class BatchSigner {

    private final RecordSigner signer;

    public BatchSigner(RecordSigner signer) {
        this.signer = signer;
    }

    /**
     * Stamps and signs the records, in place and in their order, before they are sent (their headers cannot change
     * after); a batch larger than a proof may claim is signed in parts.
     */
    public void sign(List<ProducerRecord<String, byte[]>> records) {
        for (int from = 0; from < records.size(); from += BatchProof.MAX_SIZE) {
            signTree(records.subList(from, Math.min(records.size(), from + BatchProof.MAX_SIZE)));
        }
    }

    private void signTree(List<ProducerRecord<String, byte[]>> records) {
        records.forEach(signer::stamp);
        MerkleTree tree = new MerkleTree(records.stream()
                .map(record -> SignedMessage.of(record.topic(), record.key(), record.value(), record.headers())).toList());
        SigningKeyRing.Signature signature = signer.signature(SignedMessage.ofBatch(tree.size(), tree.root()));
        byte[] keyId = signature.keyId().getBytes(StandardCharsets.UTF_8);
        for (int index = 0; index < records.size(); index++) {
            ProducerRecord<String, byte[]> record = records.get(index);
            record.headers().add(SignedMessage.HEADER_SIGNER, keyId);
            record.headers().add(SignedMessage.HEADER_SIGNATURE, signature.bytes());
            record.headers().add(SignedMessage.HEADER_BATCH, new BatchProof(index, tree.size(), tree.auditPath(index)).bytes());
        }
    }
}
