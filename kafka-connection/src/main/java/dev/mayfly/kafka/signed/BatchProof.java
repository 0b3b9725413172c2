package dev.mayfly.kafka.signed;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where one record sits in the Merkle tree of its publisher's batch ({@link MerkleTree}): its leaf index, the tree's size
 * and its audit path, enough to recompute the root the batch's one signature covers from the record alone. Carried in
 * the header {@link SignedMessage#HEADER_BATCH}.
 *
 * <p>Header form, version 1 (big-endian): {@code 0x01 | tree size (4 bytes) | leaf index (4 bytes) | the audit path, deepest
 * sibling first (32 bytes each)}. The path's length follows from index and size, so the header's length does too: 9
 * bytes and at most 16 hashes (521 bytes) for the largest tree. The header is not signed itself (it cannot be: it
 * carries what the signature is over), so {@link #parse} trusts nothing in it: a size or index out of range, a length
 * that is not exactly the path's, or an unknown version is no proof at all. A lie that parses (another index, size or
 * path) leads to another root, which the signature does not cover.
 */
public record BatchProof(int index, int size, List<byte[]> path) {

    /** The only version this code writes and reads. */
    static final byte VERSION = 1;
    /**
     * The largest tree a proof may claim (a publisher batch holds 500 events): keeps a hostile header's path, and the
     * hashing it costs, small.
     */
    public static final int MAX_SIZE = 65_536;
    private static final int FIXED_BYTES = 1 + Integer.BYTES + Integer.BYTES;

    public BatchProof {
        if (!isPosition(index, size) || path.size() != MerkleTree.auditPathLength(index, size)
                || path.stream().anyMatch(hash -> hash == null || hash.length != MerkleTree.HASH_SIZE)) {
            throw new IllegalArgumentException("not an audit path of leaf " + index + " in a tree of " + size);
        }
        path = path.stream().map(byte[]::clone).toList();
    }

    /** The proof a header carries; empty for anything this version did not write (never an exception). */
    public static Optional<BatchProof> parse(byte[] header) {
        if (header == null || header.length < FIXED_BYTES || header[0] != VERSION) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(header);
        in.get();
        int size = in.getInt();
        int index = in.getInt();
        if (!isPosition(index, size)
                || in.remaining() != MerkleTree.auditPathLength(index, size) * MerkleTree.HASH_SIZE) {
            return Optional.empty();
        }
        List<byte[]> path = new ArrayList<>();
        while (in.hasRemaining()) {
            byte[] hash = new byte[MerkleTree.HASH_SIZE];
            in.get(hash);
            path.add(hash);
        }
        return Optional.of(new BatchProof(index, size, path));
    }

    /** The header form, which {@link #parse} reads back. */
    public byte[] bytes() {
        ByteBuffer out = ByteBuffer.allocate(FIXED_BYTES + path.size() * MerkleTree.HASH_SIZE);
        out.put(VERSION).putInt(size).putInt(index);
        path.forEach(out::put);
        return out.array();
    }

    /** The root of the tree this proof places the leaf (a record's signed message) in. */
    byte[] rootOver(byte[] leaf) {
        return MerkleTree.rootFrom(MerkleTree.leafHash(leaf), index, size, path);
    }

    /** The path's hashes are arrays: a copy, so that a proof cannot change under whoever holds it. */
    @Override
    public List<byte[]> path() {
        return path.stream().map(byte[]::clone).toList();
    }

    private static boolean isPosition(int index, int size) {
        return size >= 1 && size <= MAX_SIZE && index >= 0 && index < size;
    }
}
