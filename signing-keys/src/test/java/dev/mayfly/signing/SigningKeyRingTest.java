package dev.mayfly.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.privatefiles.ExposedSecretFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyRingTest {

    private static final byte[] MESSAGE = "claims".getBytes(StandardCharsets.UTF_8);
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path directory;

    @Test
    void signWhenVerifiedWithThePublicRingThenTrueAndFalseForAnyChange() {
        SigningKeyRing keys = SigningKeyRing.parse(SigningKeyRing.newKeyLine(T0));
        SigningKeyRing.Signature signature = keys.sign(MESSAGE);
        PublicKeyRing published = PublicKeyRing.parse(keys.publicKeys().text());

        assertThat(published.verify(signature.keyId(), MESSAGE, signature.bytes())).isTrue();
        assertThat(published.verify(signature.keyId(), "claimz".getBytes(StandardCharsets.UTF_8), signature.bytes())).isFalse();
        byte[] flipped = signature.bytes().clone();
        flipped[0] ^= 1;
        assertThat(published.verify(signature.keyId(), MESSAGE, flipped)).isFalse();
        assertThat(published.verify("e0", MESSAGE, signature.bytes())).isFalse();
        assertThat(published.verify(signature.keyId(), MESSAGE, new byte[3])).isFalse();
    }

    @Test
    void publicKeysWhenWrittenThenHoldNoPrivateKey() {
        String privateLine = SigningKeyRing.newKeyLine(T0);
        SigningKeyRing keys = SigningKeyRing.parse(privateLine);

        assertThat(keys.publicKeys().text()).doesNotContain(privateLine.substring(privateLine.indexOf(':') + 1).strip());
    }

    @Test
    void rotateWhenSignedByTheNewKeyThenOldSignaturesStillVerifyUntilRetired() throws Exception {
        Path file = directory.resolve("issuer-signing.keys");
        SigningKeyRing first = SigningKeyRing.loadOrCreate(file, T0);
        SigningKeyRing.Signature old = first.sign(MESSAGE);

        SigningKeyRing second = SigningKeyRing.rotate(file, T0.plus(Duration.ofHours(1)), Duration.ofHours(36));
        assertThat(second.currentKeyId()).isNotEqualTo(first.currentKeyId());
        assertThat(second.publicKeys().verify(old.keyId(), MESSAGE, old.bytes())).isTrue();

        SigningKeyRing third = SigningKeyRing.rotate(file, T0.plus(Duration.ofHours(40)), Duration.ofHours(36));
        assertThat(third.publicKeys().holds(first.currentKeyId())).as("retired over 36 hours ago").isFalse();
        assertThat(third.publicKeys().holds(second.currentKeyId())).isTrue();
    }

    @Test
    void loadOrCreateWhenOthersMayReadTheFileThenRefused() throws Exception {
        Path file = directory.resolve("issuer-signing.keys");
        SigningKeyRing.loadOrCreate(file, T0);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> SigningKeyRing.loadOrCreate(file, T0)).isInstanceOf(ExposedSecretFileException.class);
    }

    @Test
    void parseWhenALineIsNotAnEd25519KeyThenRefused() {
        assertThatThrownBy(() -> PublicKeyRing.parse("e1:AAAA\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PublicKeyRing.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningKeyRing.parse("e1:not base64!\n")).isInstanceOf(IllegalArgumentException.class);
    }
}
