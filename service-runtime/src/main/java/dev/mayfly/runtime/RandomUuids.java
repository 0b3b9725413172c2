package dev.mayfly.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for identifiers: request ids, event ids, Axon's message ids. {@link UUID#randomUUID()}
 * draws 16 bytes under the JDK's one NativePRNG lock for every id; at a thousand AssumeRole a second, each with a
 * handful of ids, the request threads queued on that lock (a twentieth of the issuer's CPU, Flight Recorder). Here
 * the bytes come from {@link SecureRandom} all the same, drawn a block of ids at a time, in stripes that threads share
 * by their id.
 *
 * <p>Not for secrets: a block of ids yet to be handed out sits in memory. Identifiers are not secret; keys and tokens
 * draw from SecureRandom directly.
 */
public final class RandomUuids {

    private static final int STRIPE_COUNT = 8;   // a power of two, to pick one with a mask
    private static final int IDS_PER_DRAW = 256;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final Stripe[] STRIPES = new Stripe[STRIPE_COUNT];

    static {
        for (int i = 0; i < STRIPE_COUNT; i++) {
            STRIPES[i] = new Stripe();
        }
    }

    private RandomUuids() {
    }

    /** A new random UUID, as {@link UUID#randomUUID()} makes them. */
    public static UUID next() {
        return STRIPES[(int) Thread.currentThread().threadId() & (STRIPE_COUNT - 1)].next();
    }

    /** {@link #next()} in its canonical text form. */
    public static String nextString() {
        return next().toString();
    }

    private static final class Stripe {
        private final SecureRandom random = new SecureRandom();
        private final byte[] drawn = new byte[IDS_PER_DRAW * 16];
        private int position = drawn.length;

        synchronized UUID next() {
            if (position == drawn.length) {
                random.nextBytes(drawn);
                position = 0;
            }
            long high = (long) LONGS.get(drawn, position);
            long low = (long) LONGS.get(drawn, position + 8);
            position += 16;
            // RFC 9562: version 4 in the high word's bits 12-15, variant 10 in the low word's top two bits
            return new UUID((high & ~0xF000L) | 0x4000L, (low & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L);
        }
    }
}
