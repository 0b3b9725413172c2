package dev.mayfly.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.runtime.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./mayfly completion: the words it offers, from the usage, in a real bash. */
class CompletionCommandTest {

    @TempDir
    Path dir;

    private String script(String shell) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = MayflyCli.run(new String[] {"completion", shell}, Settings.of(Map.of()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(exit).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What bash offers for the words typed so far (the last one being completed). */
    private List<String> complete(String... typed) throws IOException, InterruptedException {
        Path file = dir.resolve("mayfly.bash");
        Files.writeString(file, script("bash"));
        String words = String.join(" ", List.of(typed).stream().map(word -> "'" + word + "'").toList());
        Process bash = new ProcessBuilder("bash", "-c", "source " + file + "; COMP_WORDS=(" + words + "); COMP_CWORD="
                + (typed.length - 1) + "; _mayfly; printf '%s\\n' \"${COMPREPLY[@]}\"").redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor()).as(output).isZero();
        return output.lines().filter(line -> !line.isEmpty()).toList();
    }

    @Test
    void completeWhenFirstWordIsPartialThenOffersTheMatchingCommands() throws Exception {
        assertThat(complete("./mayfly", "s")).containsExactlyInAnyOrder("serve", "service-credential", "status");
        assertThat(complete("./mayfly", "")).contains("dev", "test", "bench", "workload", "completion", "version", "help");
    }

    @Test
    void completeWhenSecondWordThenOffersSubcommandsAndTheCommandsOptions() throws Exception {
        assertThat(complete("./mayfly", "bench", "")).contains("audit", "isolation", "revocation", "verifier", "fuzz",
                "--seconds", "--concurrency", "--warmup");
        assertThat(complete("./mayfly", "workload", "r")).containsExactlyInAnyOrder("rotate", "revoke");
        assertThat(complete("./mayfly", "revoke", "")).contains("list", "lift", "--scope", "--target", "--quarantine-until");
        assertThat(complete("./mayfly", "completion", "")).containsExactlyInAnyOrder("bash", "zsh");
    }

    @Test
    void completeWhenPastTheSubcommandThenOffersItsOwnOptions() throws Exception {
        assertThat(complete("./mayfly", "bench", "audit", "--")).containsExactlyInAnyOrder("--rate", "--seconds", "--warmup",
                "--sample-every");
        assertThat(complete("./mayfly", "account", "rotate-root-key", "123", "--")).containsExactlyInAnyOrder("--delete-old", "--keep-old");
    }

    @Test
    void completionWhenZshThenLoadsBashCompletionEmulationBeforeTheSameFunction() {
        String zsh = script("zsh");

        assertThat(zsh).startsWith("#compdef mayfly\nautoload -U +X bashcompinit && bashcompinit\n").endsWith(script("bash"));
    }

    @Test
    void completionWhenShellIsUnknownThenUsageAndExitTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = MayflyCli.run(new String[] {"completion", "fish"}, Settings.of(Map.of()), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("source <(./mayfly completion bash)");
    }
}
