package dev.mayfly.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.runtime.MayflyVersion;
import dev.mayfly.runtime.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --help after a command explains that command and does nothing else: no platform here, so doing would fail. */
class MayflyCliHelpTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return MayflyCli.run(args, Settings.of(Map.of("MAYFLY_ISSUER_URL", "http://127.0.0.1:1")),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void runWhenBenchAuditAsksForHelpThenPrintsTheBenchUsageAndRunsNothing() {
        int exit = run("bench", "audit", "--help");

        String usage = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(usage).startsWith("Usage: ./mayfly bench")
                .contains("bench audit [--rate 1000] [--seconds 30] [--warmup 5] [--sample-every 20]")
                .contains("from a call's answer until its CloudTrail record is searchable")
                .contains("bench revocation").doesNotContain("workload create").doesNotContain("Endpoints in dev mode");
    }

    @Test
    void runWhenBenchFuzzAsksForHelpThenPrintsItsOptionsAndChecksAndSendsNothing() {
        int exit = run("bench", "fuzz", "--requests", "10", "--help");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: ./mayfly bench")
                .contains("bench fuzz [--requests 100000] [--seconds 600] [--seed S] [--source 127.0.0.1]")
                .contains("valid call in the audit trail exactly once").doesNotContain("Setting up");
    }

    @Test
    void runWhenDevAsksForHelpWithShortFlagThenExplainsInsteadOfStartingThePlatform() {
        assertThat(run("dev", "-h")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Start the whole platform").doesNotContain("bench");
    }

    @Test
    void runWhenRevokeAsksForHelpAmongOptionsThenPrintsOnlyRevokeUsage() {
        assertThat(run("revoke", "--scope", "Role", "--help")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("revoke --scope SCOPE").contains("lift RULE_ID")
                .doesNotContain("audit validate");
    }

    @Test
    void runWhenUnknownCommandAsksForHelpThenSaysItIsUnknown() {
        assertThat(run("frobnicate", "--help")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Unknown command 'frobnicate'.");
    }

    @Test
    void runWhenKeysRotateAsksForHelpThenExplainsTheRingsAndRotatesNothing() {
        assertThat(run("keys", "rotate", "audit-digest-signing", "--help")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("keys rotate RING", "audit-digest-signing",
                "stay to open or verify", "key-encryption key").doesNotContain("bench");
    }

    @Test
    void runWhenKeysRotateHasNoKeyEncryptionKeyThenRefusedSayingWhatToGiveIt(@TempDir Path home) {
        int exit = MayflyCli.run(new String[] {"keys", "rotate", "session-token"}, Settings.of(Map.of("MAYFLY_HOME", home.toString(),
                        "MAYFLY_KAFKA_BOOTSTRAP", "127.0.0.1:1")),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("there is none here", "MAYFLY_KEY_ENCRYPTION_KEY_FILE",
                "./mayfly keys rotate (no ring)");
        assertThat(home.resolve("keys/key-encryption.key")).as("rotate makes no key-encryption key").doesNotExist();
    }

    @Test
    void runWhenKeysRotateNamesTheCredentialVaultThenRefusedSayingWhy() {
        assertThat(run("keys", "rotate", "credential-vault")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("credential-vault ring is not rotated", "only at start");
    }

    @Test
    void runWhenKeysRotateNamesNoRingOfTheDeploymentThenListsTheRings() {
        assertThat(run("keys", "rotate", "master")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no key ring is named master", "audit-digest-signing");
    }

    @Test
    void runWhenVersionThenPrintsTheBuiltVersionAndTheJava() {
        assertThat(run("version")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("mayfly " + MayflyVersion.current() + " (Java ");
    }

    @Test
    void runWhenServeNamesNoServiceThenUsageAndExitTwoAndNothingStarts() {
        assertThat(run("serve", "database")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: ./mayfly serve issuer | audit | revocation");
    }

    @Test
    void runWhenDevIssuersIsNoNumberThenUsageAndExitOneAndNothingStarts() {
        assertThat(run("dev", "--issuers", "many")).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: ./mayfly dev [--issuers N]");
    }

    @Test
    void issuersWhenAbsentThenOneJvmAndWhenGivenThenThatMany() {
        assertThat(DevMode.issuers(new String[0])).isEqualTo(1);
        assertThat(DevMode.issuers(new String[] {"--issuers", "3"})).isEqualTo(3);
    }
}
