package dev.mayfly.kafka.signed;

import dev.mayfly.signing.PublishedKeyRing;
import dev.mayfly.signing.SigningKeyRing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Key rings for the tests of signed feeds: made once in a directory of the test's own, at a fixed time. */
final class SigningFixtures {

    static final Instant T = Instant.parse("2026-01-01T12:00:00Z");

    private SigningFixtures() {
    }

    static SigningKeyRing load(PublishedKeyRing keys) {
        try {
            return keys.loadOrCreate(T);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(Path.of("target").toAbsolutePath(), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
