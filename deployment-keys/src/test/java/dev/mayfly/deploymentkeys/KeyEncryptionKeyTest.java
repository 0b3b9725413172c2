package dev.mayfly.deploymentkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyEncryptionKeyTest {

    @TempDir
    Path home;

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void openWhenSealedForTheSameRingThenTheRingComesBack() {
        KeyEncryptionKey kek = KeyEncryptionKey.parse(randomKey());

        byte[] sealed = kek.seal("session-token", "k1:abc".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(kek.open("session-token", sealed), StandardCharsets.UTF_8)).isEqualTo("k1:abc");
    }

    @Test
    void openWhenSealedForAnotherRingThenRefused() {
        KeyEncryptionKey kek = KeyEncryptionKey.parse(randomKey());

        byte[] sealed = kek.seal("issuer-signing", "e1:abc".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> kek.open("session-token", sealed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sealed for another ring");
    }

    @Test
    void openWhenSealedUnderAnotherKeyThenTheMessageNamesBothKeysIdsOnly() {
        String otherText = randomKey();
        KeyEncryptionKey other = KeyEncryptionKey.parse(otherText);
        KeyEncryptionKey mine = KeyEncryptionKey.parse(randomKey());

        byte[] sealed = other.seal("session-token", "k1:abc".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> mine.open("session-token", sealed)).hasMessageContaining(mine.id())
                .hasMessageContaining(other.id()).message().doesNotContain(otherText);
    }

    @Test
    void parseWhenNotThirtyTwoBytesThenRefusedWithoutTheText() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> KeyEncryptionKey.parse(shortKey)).hasMessageContaining("32 random bytes")
                .message().doesNotContain(shortKey);
        assertThatThrownBy(() -> KeyEncryptionKey.parse("not base64!")).hasMessageContaining("not base64")
                .message().doesNotContain("not base64!");
    }

    @Test
    void createIfAbsentWhenTheFileIsMissingThenOwnerOnlyAndASecondCallKeepsIt() throws Exception {
        Path file = home.resolve("keys/key-encryption.key");

        assertThat(KeyEncryptionKey.createIfAbsent(file)).isTrue();
        String first = Files.readString(file);
        assertThat(KeyEncryptionKey.createIfAbsent(file)).isFalse();

        assertThat(Files.readString(file)).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(KeyEncryptionKey.load(file).id()).startsWith("kek-").isEqualTo(KeyEncryptionKey.parse(first).id());
    }

    @Test
    void sourceWhenNothingIsSetAndNoFileThenNotConfigured() throws Exception {
        KeyEncryptionKeySource none = KeyEncryptionKeySource.from(Map.<String, String>of()::get, home.resolve("key-encryption.key"));
        assertThat(none.configured()).isFalse();
        assertThatThrownBy(none::load).hasMessageContaining("./mayfly keys init");

        String key = randomKey();
        KeyEncryptionKeySource inline = KeyEncryptionKeySource.from(Map.of(KeyEncryptionKeySource.VALUE, key)::get,
                home.resolve("key-encryption.key"));
        assertThat(inline.configured()).isTrue();
        assertThat(inline.load().id()).isEqualTo(KeyEncryptionKey.parse(key).id());
        assertThat(inline.toString()).doesNotContain(key);

        KeyEncryptionKeySource named = KeyEncryptionKeySource.from(Map.of(KeyEncryptionKeySource.FILE,
                home.resolve("elsewhere.key").toString())::get, home.resolve("key-encryption.key"));
        assertThat(named.configured()).as("a file named explicitly means a shared key store, even before it exists").isTrue();
    }
}
