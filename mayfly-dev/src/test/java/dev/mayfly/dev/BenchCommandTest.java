package dev.mayfly.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.cli.CliCredentials;
import dev.mayfly.embedded.FreePorts;
import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.eventstore.DatabaseSettings;
import dev.mayfly.issuer.IssuerService;
import dev.mayfly.issuer.IssuerSettings;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.kafka.KafkaCluster;
import dev.mayfly.load.AssumeRoleLoad;
import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.runtime.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The load harness runs against the platform and reports; its figures are not asserted, only that it works. */
class BenchCommandTest {

    /** A $MAYFLY_HOME whose dev profile is the account's root, as ./mayfly dev writes it. */
    static Path homeWithDevProfileOf(NewAccount account) throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bench-home-");
        PrivateFiles.write(home.resolve("credentials"), "[mayfly]\naws_access_key_id = " + account.accessKeyId()
                + "\naws_secret_access_key = " + account.secretAccessKey() + "\n");
        return home;
    }

    @Test
    void benchWhenRunBrieflyThenReportsThroughputAndLatenciesWithoutErrors() throws Exception {
        Platform platform = Platform.get();
        Path home = homeWithDevProfileOf(platform.issuer.accounts().create("bench"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = MayflyCli.run(new String[] {"bench", "--seconds", "1", "--concurrency", "2", "--warmup", "1"},
                Settings.of(Map.of("MAYFLY_HOME", home.toString(), "MAYFLY_ISSUER_URL", platform.issuerUrl().toString(),
                        "MAYFLY_POSTGRES_PORT", Integer.toString(SharedInfrastructure.postgres().port()))),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(report).isZero();
        assertThat(report).containsPattern("AssumeRole/s, errors: 0").contains("latency ms: p50")
                // the platform here is this test JVM (found by the issuer's port), with PostgreSQL's processes
                .containsPattern("platform CPU: \\d+ µs per AssumeRole").contains("request handling").contains("Kafka broker");
    }

    @Test
    void benchWhenProfiledThenTheJfrRecordingOfTheMeasuredPhaseIsWritten() throws Exception {
        Platform platform = Platform.get();
        Path home = homeWithDevProfileOf(platform.issuer.accounts().create("bench-profile"));
        Path recording = home.resolve("bench.jfr");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = MayflyCli.run(new String[] {"bench", "--seconds", "1", "--concurrency", "2", "--warmup", "0", "--profile", recording.toString()},
                Settings.of(Map.of("MAYFLY_HOME", home.toString(), "MAYFLY_ISSUER_URL", platform.issuerUrl().toString())),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(report).isZero();
        assertThat(report).contains("JFR recording of the measured phase: " + recording);
        assertThat(recording).isNotEmptyFile();
    }

    /** The other endpoint is a second Mayfly issuer here, with a caller of its own; moto_server is for figures, never for tests. */
    @Test
    void benchCompareWhenAgainstAnotherIssuerThenEachRoundReportsBothAndTheRatio() throws Exception {
        Platform platform = Platform.get();
        Path home = homeWithDevProfileOf(platform.issuer.accounts().create("bench-compare"));
        try (IssuerService other = secondIssuer(platform)) {
            URI otherUrl = URI.create("http://127.0.0.1:" + other.port());
            NewAccount otherAccount = other.accounts().create("bench-compare-other");
            AssumeRoleLoad.Caller caller = AssumeRoleLoad.createCaller(otherUrl,
                    new CliCredentials(otherAccount.accessKeyId(), otherAccount.secretAccessKey(), null), System.out);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = MayflyCli.run(new String[] {"bench", "compare", "--against", otherUrl.toString(), "--rounds", "2", "--seconds", "1",
                            "--concurrency", "2", "--warmup", "0", "--against-access-key", caller.accessKeyId(), "--against-secret-key",
                            caller.secretAccessKey(), "--against-role-arn", caller.roleArn()},
                    Settings.of(Map.of("MAYFLY_HOME", home.toString(), "MAYFLY_ISSUER_URL", platform.issuerUrl().toString())),
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            String report = out.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(report).isZero();
            assertThat(report).containsSubsequence("round 1:", "Mayfly " + platform.issuerUrl(), "errors: 0", "other  " + otherUrl, "errors: 0",
                    "ratio (Mayfly / other):", "round 2:", "ratio (Mayfly / other):", "ratio by round: ");
            assertThat(report).doesNotContain(caller.secretAccessKey());
        }
    }

    @Test
    void benchCompareWhenNothingAnswersTheOtherEndpointThenSaysSoAndExitsOne() throws Exception {
        Platform platform = Platform.get();
        Path home = homeWithDevProfileOf(platform.issuer.accounts().create("bench-compare-nobody"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = MayflyCli.run(new String[] {"bench", "compare", "--against", "http://127.0.0.1:" + FreePorts.next(), "--rounds", "1"},
                Settings.of(Map.of("MAYFLY_HOME", home.toString(), "MAYFLY_ISSUER_URL", platform.issuerUrl().toString())),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isOne();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Nothing answers AssumeRole at http://127.0.0.1:");
    }

    @Test
    void benchCompareWhenAskedForHelpThenItsOptionsAndNothingRuns() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = MayflyCli.run(new String[] {"bench", "compare", "--help"}, Settings.of(Map.of()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("bench compare --against URL [--rounds 3] [--seconds 20] [--concurrency 16]")
                .contains("bench [--seconds 20] [--concurrency 16] [--warmup 5] [--profile FILE]");
    }

    /**
     * An issuer beside the platform's, with a database of its own, on the shared infrastructure. It keeps the platform
     * issuer's key files, as a cluster's issuers share keys: the events it publishes on the JVM's shared topic are then
     * signed by a producer the platform's audit admits, rather than refused records that other tests' consumers wade through.
     */
    private static IssuerService secondIssuer(Platform platform) throws Exception {
        Path keys = platform.tokenKeysFile.getParent();
        return IssuerService.start(new IssuerSettings("127.0.0.1", FreePorts.next(),
                new DatabaseSettings(SharedInfrastructure.postgres().database("bench_compare_issuer"), "postgres", "postgres", 4),
                KafkaCluster.plaintext(SharedInfrastructure.kafka().bootstrapServers()), (short) 1, 3, platform.tokenKeysFile,
                keys.resolve("vault.keys"), keys.resolve("admin-token"), IssuerSettings.DEFAULT_REVOCATION_MAX_AGE, true),
                Clock.systemUTC());
    }

    @Test
    void benchAuditWhenRunBrieflyThenEveryFollowedRecordFoundAndFreshnessReported() throws Exception {
        Platform platform = Platform.get();
        Path home = homeWithDevProfileOf(platform.issuer.accounts().create("bench-audit"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = MayflyCli.run(new String[] {"bench", "audit", "--rate", "20", "--seconds", "2", "--warmup", "0", "--sample-every", "4"},
                Settings.of(Map.of("MAYFLY_HOME", home.toString(), "MAYFLY_ISSUER_URL", platform.issuerUrl().toString(),
                        "MAYFLY_ELASTICSEARCH_URL", SharedInfrastructure.elasticsearch().httpUrl())),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(report).isZero();
        assertThat(report).contains("calls: 40 answered in").contains("errors: 0").contains("10 samples: p50").contains("never found: 0")
                .contains("answer to handed to Elasticsearch (event.ingested): p50").contains("handed to Elasticsearch to searchable: p50");
    }
}
