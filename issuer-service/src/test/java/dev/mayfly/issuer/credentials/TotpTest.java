package dev.mayfly.issuer.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {

    /** RFC 6238's SHA-1 seed ("12345678901234567890"), base32-encoded. */
    private static final String RFC_SEED = Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @ParameterizedTest
    @CsvSource({"59, 287082", "1111111109, 081804", "1111111111, 050471", "1234567890, 005924", "2000000000, 279037",
            "20000000000, 353130"})
    void codeWhenRfc6238TestVectorsThenTheirLastSixDigits(long epochSecond, String expected) {
        assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(epochSecond)))).isEqualTo(expected);
    }

    @Test
    void base32WhenEncodedThenRfc4648AndDecodesBack() {
        assertThat(RFC_SEED).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(new String(Totp.unbase32(RFC_SEED), StandardCharsets.US_ASCII)).isEqualTo("12345678901234567890");
        assertThat(Totp.newSeed()).hasSize(64).matches("[A-Z2-7]+");
    }

    @Test
    void matchingStepWhenCodeOfANeighbouringStepThenThatStepAndWhenFurtherThenNone() {
        long now = Totp.step(Instant.parse("2026-11-23T12:00:00Z"));
        assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, now + 1), now, 1)).hasValue(now + 1);
        assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, now - 1), now, 1)).hasValue(now - 1);
        assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, now + 3), now, 1)).isEmpty();
    }
}
