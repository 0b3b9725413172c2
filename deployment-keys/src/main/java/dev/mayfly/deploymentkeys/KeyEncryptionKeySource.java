package dev.mayfly.deploymentkeys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where a process finds the key-encryption key: MAYFLY_KEY_ENCRYPTION_KEY (the key itself, base64: for a secret
 * injected into the environment by an orchestrator) or else the file MAYFLY_KEY_ENCRYPTION_KEY_FILE (by default
 * {@code keys/key-encryption.key} under MAYFLY_HOME, where ./mayfly keys init makes one in dev).
 *
 * <p>A process given a key-encryption key in either way takes its keys from mayfly.keys; one given none (neither
 * variable set and no default file) runs on key files of its own, the single-process path of tests and of a dev
 * checkout that predates ./mayfly keys init.
 */
public final class KeyEncryptionKeySource {

    public static final String VALUE = "MAYFLY_KEY_ENCRYPTION_KEY";
    public static final String FILE = "MAYFLY_KEY_ENCRYPTION_KEY_FILE";
    private final String value;
    private final Path file;
    private final boolean named;

    private KeyEncryptionKeySource(String value, Path file, boolean named) {
        this.value = value;
        this.file = file;
        this.named = named;
    }

    /**
     * @param setting     a setting's value by its name, null when it is not set
     * @param defaultFile where the file is when MAYFLY_KEY_ENCRYPTION_KEY_FILE does not say
     */
    public static KeyEncryptionKeySource from(Function<String, String> setting, Path defaultFile) {
        String value = setting.apply(VALUE);
        String file = setting.apply(FILE);
        return new KeyEncryptionKeySource(value == null || value.isBlank() ? null : value,
                file == null || file.isBlank() ? defaultFile : Path.of(file), file != null && !file.isBlank());
    }

    /** The key in this file, if the file exists (the default location: the operator has not said). */
    public static KeyEncryptionKeySource defaultFile(Path file) {
        return new KeyEncryptionKeySource(null, file, false);
    }

    /** Whether the operator gave this process a key-encryption key: then its keys come from mayfly.keys. */
    public boolean configured() {
        return value != null || named || Files.exists(file);
    }

    /** The file a key is read from when the environment does not hold one; where ./mayfly keys init makes one. */
    public Path file() {
        return file;
    }

    /** Whether the key comes from the environment rather than a file. */
    public boolean fromEnvironment() {
        return value != null;
    }

    /**
     * @throws IllegalStateException when no key is configured, or the named file is missing
     * @throws IllegalArgumentException when the key is not base64 of 32 bytes
     */
    public KeyEncryptionKey load() throws IOException {
        if (value != null) {
            try {
                return KeyEncryptionKey.parse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(VALUE + ": " + e.getMessage());
            }
        }
        if (!Files.exists(file)) {
            throw new IllegalStateException("no key-encryption key at " + file + " (" + FILE + "), nor in " + VALUE
                    + ": give every process the same one, or make one with ./mayfly keys init");
        }
        return KeyEncryptionKey.load(file);
    }

    /** Where the key is read from, never the key. */
    @Override
    public String toString() {
        return value != null ? VALUE : file.toString();
    }
}
