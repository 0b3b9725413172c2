package dev.mayfly.kafka.signed;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree of RFC 6962 (section 2.1) over a batch's leaves: a leaf's hash is SHA-256(0x00 || leaf), a node's
 * SHA-256(0x01 || left || right), and a tree of n leaves splits at the largest power of two below n. The distinct
 * prefixes keep a leaf from passing for a node and the other way round (the RFC's defence against a second preimage: a
 * proof that presents an inner node as a record).
 *
 * <p>Built level by level, a last node without a sibling rising unchanged to the level above: the same tree as the
 * RFC's recursive split (a tree of 5 leaves is ((0 1)(2 3)) 4), and the same audit paths, deepest sibling first.
 */
final class MerkleTree {

    /** Bytes of every hash: SHA-256. */
    static final int HASH_SIZE = 32;
    private static final byte LEAF = 0x00;
    private static final byte NODE = 0x01;

    /** levels.get(0) are the leaves' hashes, the last level holds the root alone. */
    private final List<byte[][]> levels = new ArrayList<>();

    /** @param leaves the leaves (each record's signed message), at least one */
    MerkleTree(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("a tree has at least one leaf");
        }
        byte[][] level = leaves.stream().map(MerkleTree::leafHash).toArray(byte[][]::new);
        levels.add(level);
        while (level.length > 1) {
            byte[][] above = new byte[(level.length + 1) / 2][];
            for (int i = 0; i < above.length; i++) {
                int left = 2 * i;
                above[i] = left + 1 < level.length ? nodeHash(level[left], level[left + 1]) : level[left];
            }
            levels.add(above);
            level = above;
        }
    }

    int size() {
        return levels.getFirst().length;
    }

    byte[] root() {
        return levels.getLast()[0].clone();
    }

    /** The siblings that lead from leaf {@code index} up to the root, deepest first. */
    List<byte[]> auditPath(int index) {
        List<byte[]> path = new ArrayList<>();
        int i = index;
        for (byte[][] level : levels) {
            int sibling = i ^ 1;
            if (sibling < level.length) {
                path.add(level[sibling].clone());
            }
            i >>= 1;
        }
        return path;
    }

    /** How many siblings the audit path of leaf {@code index} in a tree of {@code size} leaves holds. */
    static int auditPathLength(int index, int size) {
        int length = 0;
        for (int i = index, width = size; width > 1; i >>= 1, width = (width + 1) / 2) {
            if ((i ^ 1) < width) {
                length++;
            }
        }
        return length;
    }

    /**
     * The root that leaf hash, index and path lead to; the caller checks first that the path has
     * {@link #auditPathLength} hashes of {@link #HASH_SIZE} bytes.
     */
    static byte[] rootFrom(byte[] leafHash, int index, int size, List<byte[]> path) {
        byte[] hash = leafHash;
        int next = 0;
        for (int i = index, width = size; width > 1; i >>= 1, width = (width + 1) / 2) {
            int sibling = i ^ 1;
            if (sibling < width) {
                byte[] other = path.get(next++);
                hash = (i & 1) == 0 ? nodeHash(hash, other) : nodeHash(other, hash);
            }
        }
        return hash;
    }

    static byte[] leafHash(byte[] leaf) {
        MessageDigest sha256 = sha256();
        sha256.update(LEAF);
        sha256.update(leaf);
        return sha256.digest();
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha256 = sha256();
        sha256.update(NODE);
        sha256.update(left);
        sha256.update(right);
        return sha256.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
