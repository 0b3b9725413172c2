package dev.mayfly.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.runtime.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image's command words; the services and init themselves are proven in containers (container-tests). */
class ImageMainTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return ImageMain.run(args, Settings.of(Map.of("MAYFLY_HOME", home.toString())),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void runWhenUnknownCommandThenUsageAndStatusTwo() throws Exception {
        assertThat(run("shell")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown command 'shell'").contains("issuer | audit | revocation");
    }

    @Test
    void runWhenAServiceIsGivenArgumentsThenUsageAndNothingStarts() throws Exception {
        assertThat(run("issuer", "--port", "1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage:");
    }

    @Test
    void runWhenInitHasNoAccountNameThenUsage() throws Exception {
        assertThat(run("init")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("init ACCOUNT_NAME");
    }

    @Test
    void runWhenInitFindsNoIssuerKeysThenSaysSoWithoutCreatingAnything() throws Exception {
        assertThat(run("init", "first")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("No issuer keys in " + home.resolve("keys"));
        assertThat(home).isEmptyDirectory();
    }

    @Test
    void runWhenVersionThenPrintsIt() throws Exception {
        assertThat(run("version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("mayfly ");
    }
}
