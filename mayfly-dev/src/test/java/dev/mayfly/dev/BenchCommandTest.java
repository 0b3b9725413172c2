package dev.mayfly.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.privatefiles.PrivateFiles;
import dev.mayfly.runtime.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
                Settings.of(Map.of("MAYFLY_HOME", home.toString(), "MAYFLY_ISSUER_URL", platform.issuerUrl().toString())),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(report).isZero();
        assertThat(report).containsPattern("AssumeRole/s, errors: 0").contains("latency ms: p50");
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
