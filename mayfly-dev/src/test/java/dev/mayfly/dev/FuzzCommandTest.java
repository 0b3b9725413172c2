package dev.mayfly.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.embedded.SharedInfrastructure;
import dev.mayfly.load.FuzzTally;
import dev.mayfly.runtime.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ./mayfly bench fuzz, briefly, against the test platform: the hostile requests do no harm that the command's checks can
 * see. They come from 127.0.0.2, so that their refusals do not use up the per-source allowance the other tests of this
 * JVM share on 127.0.0.1.
 */
class FuzzCommandTest {

    @Test
    void fuzzWhenHostileRequestsToEveryServiceThenNoFindingAndEveryValidCallRecordedOnce() throws Exception {
        Platform platform = Platform.get();
        Path home = BenchCommandTest.homeWithDevProfileOf(platform.issuer.accounts().create("fuzz"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = MayflyCli.run(new String[] {"bench", "fuzz", "--requests", "2000", "--seconds", "30", "--seed", "20261206",
                        "--source", "127.0.0.2", "--agent", "http://127.0.0.1:1"},
                Settings.of(Map.of("MAYFLY_HOME", home.toString(), "MAYFLY_ISSUER_URL", platform.issuerUrl().toString(),
                        "MAYFLY_AUDIT_URL", platform.auditUrl().toString(), "MAYFLY_REVOCATION_URL", platform.revocationUrl().toString(),
                        "MAYFLY_ELASTICSEARCH_URL", SharedInfrastructure.elasticsearch().httpUrl())).with(platform.managementUrls()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(report).isZero();
        assertThat(report).contains("Seed 20261206").contains("findings: none").contains("recorded more than once: 0")
                .contains("Result: intact.").contains("Result: PASSED");
    }

    @Test
    void fuzzWhenTargetNotOnThisMachineThenRefusedBeforeAnyRequest() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = MayflyCli.run(new String[] {"bench", "fuzz", "--requests", "1"}, Settings.of(Map.of("MAYFLY_ISSUER_URL", "http://192.0.2.1:7070")),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("http://192.0.2.1:7070 is not a loopback address");
    }

    @Test
    void leaksWhenStackFrameOrJavaExceptionThenTrueButAwsErrorCodesAreNot() {
        assertThat(FuzzTally.leaks("java.lang.IllegalStateException: boom\n\tat dev.mayfly.issuer.Foo.bar(Foo.java:12)")).isTrue();
        assertThat(FuzzTally.leaks("{\"message\":\"NumberFormatException: For input string\"}")).isTrue();
        assertThat(FuzzTally.leaks("<Code>ExpiredTokenException</Code><Message>The security token included in the request is expired</Message>"))
                .isFalse();
        assertThat(FuzzTally.leaks("{\"__type\":\"InvalidLookupAttributesException\",\"message\":\"at most one attribute\"}")).isFalse();
    }
}
