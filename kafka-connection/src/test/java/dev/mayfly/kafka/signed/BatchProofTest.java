package dev.mayfly.kafka.signed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A batch header is hostile bytes until parsed: only what this version writes is a proof. */
class BatchProofTest {

    @Test
    void parseWhenWrittenForEveryIndexThenTheSameProof() {
        for (int size : List.of(1, 2, 3, 5, 8, 70, 500)) {
            MerkleTree tree = new MerkleTree(MerkleTreeTest.leaves(size));
            for (int index = 0; index < size; index++) {
                BatchProof proof = new BatchProof(index, size, tree.auditPath(index));
                BatchProof read = BatchProof.parse(proof.bytes()).orElseThrow();
                assertThat(read.index()).isEqualTo(index);
                assertThat(read.size()).isEqualTo(size);
                assertThat(read.path()).containsExactlyElementsOf(tree.auditPath(index));
                assertThat(read.bytes()).hasSize(9 + 32 * MerkleTree.auditPathLength(index, size));
            }
        }
    }

    @Test
    void parseWhenTruncatedOrLongerThenNoProof() {
        byte[] header = proof(2, 7).bytes();
        for (int length = 0; length < header.length; length++) {
            assertThat(BatchProof.parse(Arrays.copyOf(header, length))).as("the first %d bytes", length).isEmpty();
        }
        assertThat(BatchProof.parse(Arrays.copyOf(header, header.length + 1))).isEmpty();
        assertThat(BatchProof.parse(Arrays.copyOf(header, header.length + 32))).as("a hash more").isEmpty();
        assertThat(BatchProof.parse(null)).isEmpty();
    }

    @Test
    void parseWhenAnUnknownVersionThenNoProof() {
        for (byte version : new byte[] {0, 2, (byte) 0xff}) {
            byte[] header = proof(2, 7).bytes();
            header[0] = version;
            assertThat(BatchProof.parse(header)).as("version %d", version).isEmpty();
        }
    }

    @Test
    void parseWhenSizeOrIndexOutOfRangeThenNoProof() {
        assertThat(BatchProof.parse(header(0, 0, 0))).as("an empty tree").isEmpty();
        assertThat(BatchProof.parse(header(-1, 0, 0))).as("a negative size").isEmpty();
        assertThat(BatchProof.parse(header(BatchProof.MAX_SIZE + 1, 0, 17))).as("a tree too large").isEmpty();
        assertThat(BatchProof.parse(header(Integer.MAX_VALUE, 0, 31))).as("a huge tree").isEmpty();
        assertThat(BatchProof.parse(header(7, 7, 3))).as("index = size").isEmpty();
        assertThat(BatchProof.parse(header(7, -1, 3))).as("a negative index").isEmpty();
        assertThat(BatchProof.parse(header(BatchProof.MAX_SIZE, BatchProof.MAX_SIZE - 1, 16))).as("the largest tree").isPresent();
    }

    @Test
    void parseWhenThePathIsNotTheIndexsLengthThenNoProof() {
        // index 6 of 7 has 2 siblings (its last node rises alone once), index 0 has 3
        assertThat(BatchProof.parse(header(7, 6, 2))).isPresent();
        assertThat(BatchProof.parse(header(7, 6, 3))).as("one too many").isEmpty();
        assertThat(BatchProof.parse(header(7, 0, 2))).as("one too few").isEmpty();
        assertThat(BatchProof.parse(header(1, 0, 0))).isPresent();
        assertThat(BatchProof.parse(header(1, 0, 1))).as("a tree of one has no path").isEmpty();
    }

    private static BatchProof proof(int index, int size) {
        return new BatchProof(index, size, new MerkleTree(MerkleTreeTest.leaves(size)).auditPath(index));
    }

    /** A header of this version with that size and index, and as many (arbitrary) hashes. */
    private static byte[] header(int size, int index, int hashes) {
        return ByteBuffer.allocate(9 + 32 * hashes).put(BatchProof.VERSION).putInt(size).putInt(index).array();
    }
}
