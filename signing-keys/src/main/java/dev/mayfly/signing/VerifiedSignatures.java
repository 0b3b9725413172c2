package dev.mayfly.signing;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * Signatures already found valid in this process, so that readers of the same records (the audit projection and the
 * digester each read every record of mayfly.events) check each one once: an Ed25519 verification costs tens of
 * microseconds, a SHA-256 of the same bytes a few.
 *
 * <p>Sound because a verification's outcome depends on nothing but the public key, the message and the signature, and an
 * entry is the SHA-256 of exactly those, each prefixed with its length: a result is reused only for those very bytes, so
 * no altered or forged record, nor a signature moved to another key, finds an entry. It is looked up only after the
 * caller found the key in the ring it trusts now: a key dropped from a ring, or an id that now names another key, is not
 * trusted through an entry made before. Only successes are kept, so a refusal is always checked again (the key may be
 * known by then). Bounded: least recently used entries go first, so a flood of distinct valid records only evicts.
 */
public final class VerifiedSignatures {

    /** About 7 MB held at most (an entry is a 32-byte digest in a linked map's node). */
    public static final int CAPACITY = 65_536;
    private static final VerifiedSignatures NONE = new VerifiedSignatures(0);

    private final int capacity;
    private final Map<Digest, Boolean> verified;
    private final LongAdder reused = new LongAdder();

    public VerifiedSignatures() {
        this(CAPACITY);
    }

    VerifiedSignatures(int capacity) {
        this.capacity = capacity;
        this.verified = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Digest, Boolean> eldest) {
                return size() > VerifiedSignatures.this.capacity;
            }
        };
    }

    /** Keeps nothing: every signature is verified. */
    public static VerifiedSignatures none() {
        return NONE;
    }

    /**
     * Whether the signature of that key over that message is valid: true at once if it was found so before, else as
     * {@code verification} says.
     *
     * @param verification the Ed25519 verification of exactly these public key, message and signature
     */
    public boolean verify(byte[] publicKey, byte[] message, byte[] signature, BooleanSupplier verification) {
        if (capacity == 0) {
            return verification.getAsBoolean();
        }
        Digest digest = Digest.of(publicKey, message, signature);
        synchronized (verified) {
            if (verified.get(digest) != null) {
                reused.increment();
                return true;
            }
        }
        // verified outside the lock: the other reader waits for no one's Ed25519
        if (!verification.getAsBoolean()) {
            return false;
        }
        synchronized (verified) {
            verified.put(digest, Boolean.TRUE);
        }
        return true;
    }

    /** How many verifications a kept result spared, since start. */
    public long reused() {
        return reused.sum();
    }

    int size() {
        synchronized (verified) {
            return verified.size();
        }
    }

    /** SHA-256 of the three fields, held as four longs: equality and hash with no array to copy or compare. */
    private record Digest(long a, long b, long c, long d) {

        static Digest of(byte[] publicKey, byte[] message, byte[] signature) {
            MessageDigest sha256 = sha256();
            field(sha256, publicKey);
            field(sha256, message);
            field(sha256, signature);
            ByteBuffer digest = ByteBuffer.wrap(sha256.digest());
            return new Digest(digest.getLong(), digest.getLong(), digest.getLong(), digest.getLong());
        }

        private static void field(MessageDigest sha256, byte[] field) {
            sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(field.length).array());
            sha256.update(field);
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        }
    }
}
