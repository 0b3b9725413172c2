package dev.mayfly.privatefiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {

    @TempDir
    Path dir;

    @Test
    void writeWhenFileIsNewThenOwnerOnlyAndNothingElseLeftInDirectory() throws Exception {
        Path file = dir.resolve("keys/secret");
        PrivateFiles.write(file, "s3cret\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PrivateFiles.read(file)).isEqualTo("s3cret\n");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void writeWhenFileExistsThenReplacedByRenameSoAnOpenReaderKeepsTheWholeEarlierContent() throws Exception {
        Path file = dir.resolve("secret");
        PrivateFiles.write(file, "old\n");
        // a second name for the file as it is: what a reader that opened it before the write still reads
        Path earlier = Files.createLink(dir.resolve("earlier"), file);
        PrivateFiles.write(file, "new\n");
        assertThat(Files.readString(earlier)).isEqualTo("old\n");
        assertThat(PrivateFiles.read(file)).isEqualTo("new\n");
    }

    @Test
    void createIfAbsentWhenFileExistsThenKeptAsItIs() throws Exception {
        Path file = dir.resolve("secret");
        assertThat(PrivateFiles.createIfAbsent(file, "first\n")).isTrue();
        assertThat(PrivateFiles.createIfAbsent(file, "second\n")).isFalse();
        assertThat(PrivateFiles.read(file)).isEqualTo("first\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void readWhenGroupOrOthersMayAccessThenRefusedNamingFileAndHowToMend() throws Exception {
        for (String exposed : new String[] {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----"}) {
            Path file = dir.resolve("secret-" + exposed);
            Files.writeString(file, "s3cret");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(exposed));
            assertThatThrownBy(() -> PrivateFiles.read(file)).as(exposed).isInstanceOf(ExposedSecretFileException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("chmod 600 " + file)
                    .hasMessageNotContaining("s3cret");
        }
    }

    @Test
    void readWhenOwnerOnlyThenRead() throws Exception {
        Path file = dir.resolve("secret");
        Files.writeString(file, "s3cret");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        assertThat(PrivateFiles.read(file)).isEqualTo("s3cret");
    }
}
