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
    void ensureWhenMissingThenCreatedOwnerOnlyAndKeptWhenPresent() throws Exception {
        Path file = dir.resolve("keys/admin-token");
        AdminTokenFile.ensure(file);
        String token = Files.readString(file).strip();
        assertThat(token).hasSize(64);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        AdminTokenFile.ensure(file);
        assertThat(Files.readString(file).strip()).isEqualTo(token);
    }

    @Test
    void rotateWhenPresentThenANewTokenOwnerOnly() throws Exception {
        Path file = dir.resolve("admin-token");
        AdminTokenFile.ensure(file);
        String before = Files.readString(file);
        AdminTokenFile.rotate(file);
        assertThat(Files.readString(file)).isNotEqualTo(before).hasSize(65);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void ensureWhenReadableByOthersThenRefusedNamingFileAndChmod() throws Exception {
        Path file = dir.resolve("admin-token");
        Files.writeString(file, "an operator's token\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> AdminTokenFile.ensure(file)).isInstanceOf(ExposedSecretFileException.class)
                .hasMessageContaining("chmod 600 " + file).hasMessageNotContaining("an operator's token");
    }
}
