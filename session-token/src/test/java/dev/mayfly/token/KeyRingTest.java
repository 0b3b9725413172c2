package dev.mayfly.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.privatefiles.ExposedSecretFileException;
import dev.mayfly.privatefiles.PrivateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void rotateWhenRetiredKeyMayStillOpenLiveTokensThenKept() throws Exception {
        Path file = dir.resolve("keys");
        PrivateFiles.write(file, KeyRing.newKeyLine("k" + T.toEpochMilli()));
        KeyRing once = KeyRing.rotate(file, T.plus(Duration.ofHours(1)));
        KeyRing twice = KeyRing.rotate(file, T.plus(Duration.ofHours(30)));
        assertThat(once.keyIds()).hasSize(2);
        assertThat(twice.keyIds()).hasSize(3).first().isEqualTo("k" + T.toEpochMilli());
        assertThat(twice.currentKeyId()).isEqualTo("k" + T.plus(Duration.ofHours(30)).toEpochMilli());
    }

    @Test
    void rotateWhenRetiredLongerThanLongestSessionThenDropped() throws Exception {
        Path file = dir.resolve("keys");
        PrivateFiles.write(file, KeyRing.newKeyLine("k" + T.toEpochMilli()));
        KeyRing.rotate(file, T.plus(Duration.ofHours(1)));
        KeyRing later = KeyRing.rotate(file, T.plus(Duration.ofHours(1)).plus(KeyRing.LONGEST_SESSION).plusSeconds(1));
        assertThat(later.keyIds()).containsExactly("k" + T.plus(Duration.ofHours(1)).toEpochMilli(),
                "k" + T.plus(Duration.ofHours(1)).plus(KeyRing.LONGEST_SESSION).plusSeconds(1).toEpochMilli());
        assertThat(KeyRing.parse(Files.readString(file)).keyIds()).isEqualTo(later.keyIds());
    }

    @Test
    void rotateWhenSuccessorIdCarriesNoTimeThenRetirementUnknownAndKeyKept() throws Exception {
        Path file = dir.resolve("keys");
        PrivateFiles.write(file, KeyRing.newKeyLine("k" + T.toEpochMilli()) + KeyRing.newKeyLine("handmade"));
        assertThat(KeyRing.rotate(file, T.plus(Duration.ofDays(10))).keyIds()).containsExactly(
                "k" + T.toEpochMilli(), "handmade", "k" + T.plus(Duration.ofDays(10)).toEpochMilli());
    }

    @Test
    void rotateWhenAReaderOpenedTheFileBeforeThenItStillReadsTheWholeEarlierRing() throws Exception {
        Path file = dir.resolve("keys");
        PrivateFiles.write(file, KeyRing.newKeyLine("k" + T.toEpochMilli()));
        String before = Files.readString(file);
        // a second name for the file as it was: what a verifier reloading its keys at that moment holds open
        Path opened = Files.createLink(dir.resolve("opened"), file);
        KeyRing.rotate(file, T.plus(Duration.ofHours(1)));
        assertThat(Files.readString(opened)).isEqualTo(before);
        assertThat(KeyRing.load(file).keyIds()).hasSize(2);
    }

    @Test
    void loadWhenKeyFileReadableByOthersThenRefusedNamingFileAndChmod() throws Exception {
        Path file = dir.resolve("keys");
        KeyRing.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> KeyRing.loadOrCreate(file)).isInstanceOf(ExposedSecretFileException.class)
                .hasMessageContaining("chmod 600 " + file);
        assertThatThrownBy(() -> KeyRing.load(file)).isInstanceOf(ExposedSecretFileException.class);
        assertThatThrownBy(() -> KeyRing.rotate(file, T)).isInstanceOf(ExposedSecretFileException.class);
    }

    @Test
    void loadOrCreateWhenMissingThenCreatedOwnerOnly() throws Exception {
        Path file = dir.resolve("new/keys");
        assertThat(KeyRing.loadOrCreate(file).keyIds()).hasSize(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
