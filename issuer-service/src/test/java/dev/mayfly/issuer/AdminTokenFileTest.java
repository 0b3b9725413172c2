package dev.mayfly.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.privatefiles.ExposedSecretFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenFileTest {

    @TempDir
    Path dir;

    @Test
    void readWhenMissingThenCreatedOwnerOnlyAndSameTokenAgain() throws Exception {
        Path file = dir.resolve("keys/admin-token");
        String token = AdminTokenFile.read(file);
        assertThat(token).hasSize(64);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(AdminTokenFile.read(file)).isEqualTo(token);
    }

    @Test
    void readWhenReadableByOthersThenRefusedNamingFileAndChmod() throws Exception {
        Path file = dir.resolve("admin-token");
        Files.writeString(file, "an operator's token\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> AdminTokenFile.read(file)).isInstanceOf(ExposedSecretFileException.class)
                .hasMessageContaining("chmod 600 " + file).hasMessageNotContaining("an operator's token");
    }
}
