package dev.mayfly.kafka.signed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The tree is RFC 6962's: its roots and audit paths are those of the RFC's recursive definitions. */
class MerkleTreeTest {

    /** The leaves of the RFC 6962 reference tests (certificate-transparency), and the roots of their first n. */
    private static final List<byte[]> REFERENCE_LEAVES = List.of(hex(""), hex("00"), hex("10"), hex("2021"), hex("3031"),
            hex("40414243"), hex("5051525354555657"), hex("606162636465666768696a6b6c6d6e6f"));
    private static final List<String> REFERENCE_ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    @Test
    void rootWhenTheRfcsReferenceLeavesThenTheirPublishedRoots() {
        for (int size = 1; size <= REFERENCE_LEAVES.size(); size++) {
            assertThat(HexFormat.of().formatHex(new MerkleTree(REFERENCE_LEAVES.subList(0, size)).root()))
                    .as("root of the first %d", size).isEqualTo(REFERENCE_ROOTS.get(size - 1));
        }
    }

    @Test
    void auditPathWhenEveryIndexOfSizes1To70ThenTheRfcsPathAndItLeadsToTheRoot() {
        for (int size = 1; size <= 70; size++) {
            List<byte[]> leaves = leaves(size);
            MerkleTree tree = new MerkleTree(leaves);
            assertThat(tree.root()).as("root of %d", size).isEqualTo(rfcRoot(leaves));
            for (int index = 0; index < size; index++) {
                List<byte[]> path = tree.auditPath(index);
                assertThat(path).as("path of %d in %d", index, size).containsExactlyElementsOf(rfcPath(index, leaves));
                assertThat(MerkleTree.auditPathLength(index, size)).isEqualTo(path.size());
                assertThat(MerkleTree.rootFrom(MerkleTree.leafHash(leaves.get(index)), index, size, path))
                        .as("root from %d in %d", index, size).isEqualTo(tree.root());
            }
        }
    }

    @Test
    void rootFromWhenAnotherLeafIndexOrSizeThenAnotherRoot() {
        List<byte[]> leaves = leaves(13);
        MerkleTree tree = new MerkleTree(leaves);
        for (int index = 0; index < 13; index++) {
            List<byte[]> path = tree.auditPath(index);
            for (int other = 0; other < 13; other++) {
                if (other != index) {
                    assertThat(MerkleTree.rootFrom(MerkleTree.leafHash(leaves.get(other)), index, 13, path))
                            .as("leaf %d with the path of %d", other, index).isNotEqualTo(tree.root());
                    if (MerkleTree.auditPathLength(other, 13) == path.size()) {
                        assertThat(MerkleTree.rootFrom(MerkleTree.leafHash(leaves.get(index)), other, 13, path))
                                .as("path of %d claimed for index %d", index, other).isNotEqualTo(tree.root());
                    }
                }
            }
        }
    }

    @Test
    void auditPathLengthWhenTheLargestTreeThenSixteen() {
        assertThat(IntStream.range(0, BatchProof.MAX_SIZE).map(i -> MerkleTree.auditPathLength(i, BatchProof.MAX_SIZE)).max())
                .hasValue(16);
        assertThat(MerkleTree.auditPathLength(0, 1)).isZero();
    }

    static List<byte[]> leaves(int size) {
        return IntStream.range(0, size).mapToObj(i -> ("leaf " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList();
    }

    /** MTH(D[n]) as RFC 6962 section 2.1 defines it. */
    private static byte[] rfcRoot(List<byte[]> leaves) {
        if (leaves.size() == 1) {
            return MerkleTree.leafHash(leaves.getFirst());
        }
        int k = largestPowerOfTwoBelow(leaves.size());
        return MerkleTree.nodeHash(rfcRoot(leaves.subList(0, k)), rfcRoot(leaves.subList(k, leaves.size())));
    }

    /** PATH(m, D[n]) as RFC 6962 section 2.1.1 defines it. */
    private static List<byte[]> rfcPath(int m, List<byte[]> leaves) {
        List<byte[]> path = new ArrayList<>();
        if (leaves.size() == 1) {
            return path;
        }
        int k = largestPowerOfTwoBelow(leaves.size());
        if (m < k) {
            path.addAll(rfcPath(m, leaves.subList(0, k)));
            path.add(rfcRoot(leaves.subList(k, leaves.size())));
        } else {
            path.addAll(rfcPath(m - k, leaves.subList(k, leaves.size())));
            path.add(rfcRoot(leaves.subList(0, k)));
        }
        return path;
    }

    private static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
