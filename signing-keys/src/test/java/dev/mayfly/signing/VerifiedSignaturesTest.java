package dev.mayfly.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** A signature's verification is reused only for the very same key, message and signature, and only when it succeeded. */
class VerifiedSignaturesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final byte[] KEY = bytes("k".repeat(32));
    private static final byte[] MESSAGE = bytes("record");
    private static final byte[] SIGNATURE = bytes("s".repeat(64));

    private final AtomicInteger verifications = new AtomicInteger();

    @Test
    void verifyWhenTheSameSignatureAgainThenVerifiedOnce() {
        VerifiedSignatures verified = new VerifiedSignatures();

        assertThat(verified.verify(KEY, MESSAGE, SIGNATURE, counted(true))).isTrue();
        assertThat(verified.verify(KEY, MESSAGE.clone(), SIGNATURE.clone(), counted(true))).isTrue();

        assertThat(verifications).hasValue(1);
        assertThat(verified.reused()).isEqualTo(1);
    }

    @Test
    void verifyWhenKeyMessageOrSignatureDiffersThenVerifiedAgainAndRefused() {
        VerifiedSignatures verified = new VerifiedSignatures();
        verified.verify(KEY, MESSAGE, SIGNATURE, counted(true));

        assertThat(verified.verify(flipped(KEY), MESSAGE, SIGNATURE, counted(false))).isFalse();
        assertThat(verified.verify(KEY, flipped(MESSAGE), SIGNATURE, counted(false))).isFalse();
        assertThat(verified.verify(KEY, MESSAGE, flipped(SIGNATURE), counted(false))).isFalse();
        assertThat(verified.verify(KEY, bytes("recor"), bytes("d" + "s".repeat(64)), counted(false)))
                .as("bytes moved from the message to the signature").isFalse();

        assertThat(verifications).hasValue(5);
        assertThat(verified.reused()).isZero();
    }

    @Test
    void verifyWhenRefusedThenVerifiedAgainNextTime() {
        VerifiedSignatures verified = new VerifiedSignatures();

        assertThat(verified.verify(KEY, MESSAGE, SIGNATURE, counted(false))).isFalse();
        assertThat(verified.verify(KEY, MESSAGE, SIGNATURE, counted(false))).isFalse();

        assertThat(verifications).hasValue(2);
        assertThat(verified.size()).isZero();
    }

    @Test
    void verifyWhenMoreSignaturesThanCapacityThenLeastRecentlyUsedEvicted() {
        VerifiedSignatures verified = new VerifiedSignatures(3);
        for (int i = 0; i < 4; i++) {
            verified.verify(KEY, bytes("record " + i), SIGNATURE, counted(true));
        }
        assertThat(verified.size()).isEqualTo(3);

        verified.verify(KEY, bytes("record 0"), SIGNATURE, counted(true));
        assertThat(verifications).as("the first was evicted, so verified again").hasValue(5);
        verified.verify(KEY, bytes("record 3"), SIGNATURE, counted(true));
        assertThat(verifications).as("the last is still held").hasValue(5);
    }

    @Test
    void verifyWhenNoneThenEverySignatureVerified() {
        VerifiedSignatures none = VerifiedSignatures.none();
        none.verify(KEY, MESSAGE, SIGNATURE, counted(true));
        none.verify(KEY, MESSAGE, SIGNATURE, counted(true));

        assertThat(verifications).hasValue(2);
    }

    @Test
    void verifyWhenAnyByteOfARealSignatureChangesThenRefusedThoughTheOriginalWasKept() {
        SigningKeyRing keys = SigningKeyRing.parse(SigningKeyRing.newKeyLine(T0));
        SigningKeyRing.Signature signature = keys.sign(MESSAGE);
        PublicKeyRing ring = keys.publicKeys();
        VerifiedSignatures verified = new VerifiedSignatures();

        assertThat(ring.verify(signature.keyId(), MESSAGE, signature.bytes(), verified)).isTrue();
        assertThat(ring.verify(signature.keyId(), MESSAGE, signature.bytes(), verified)).isTrue();
        assertThat(verified.reused()).isEqualTo(1);

        assertThat(ring.verify(signature.keyId(), flipped(MESSAGE), signature.bytes(), verified)).isFalse();
        assertThat(ring.verify(signature.keyId(), MESSAGE, flipped(signature.bytes()), verified)).isFalse();
        assertThat(verified.reused()).isEqualTo(1);
    }

    @Test
    void verifyWhenTheKeyIdNowNamesAnotherKeyOrNoneThenRefusedThoughVerifiedBefore() {
        SigningKeyRing original = SigningKeyRing.parse(SigningKeyRing.newKeyLine(T0));
        SigningKeyRing replaced = SigningKeyRing.parse(SigningKeyRing.newKeyLine(T0));
        SigningKeyRing.Signature signature = original.sign(MESSAGE);
        VerifiedSignatures verified = new VerifiedSignatures();
        assertThat(original.publicKeys().verify(signature.keyId(), MESSAGE, signature.bytes(), verified)).isTrue();

        assertThat(replaced.currentKeyId()).isEqualTo(signature.keyId());
        assertThat(replaced.publicKeys().verify(signature.keyId(), MESSAGE, signature.bytes(), verified))
                .as("the same id, another key").isFalse();
        PublicKeyRing rotated = SigningKeyRing.parse(SigningKeyRing.newKeyLine(T0.plusSeconds(1))).publicKeys();
        assertThat(rotated.verify(signature.keyId(), MESSAGE, signature.bytes(), verified))
                .as("a ring that dropped the key").isFalse();
        assertThat(verified.reused()).isZero();
    }

    private BooleanSupplier counted(boolean outcome) {
        return () -> {
            verifications.incrementAndGet();
            return outcome;
        };
    }

    private static byte[] flipped(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[copy.length - 1] ^= 1;
        return copy;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
