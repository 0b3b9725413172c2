package dev.mayfly.dev;

import static dev.mayfly.dev.PlatformEndToEndTest.eventually;
import static dev.mayfly.dev.Tenants.root;
import static dev.mayfly.dev.Tenants.sts;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The audit service measures how fresh its trail is: each projected call's lag, as a histogram. */
class AuditFreshnessMetricTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern COUNT = Pattern.compile("mayfly_audit_ingest_lag_seconds_count\\{service=\"audit\"} (\\S+)");

    private static double projectedCalls() {
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(Platform.get().managementUrls().get("MAYFLY_AUDIT_MANAGEMENT_URL")
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher count = COUNT.matcher(metrics);
            assertThat(count.find()).as("mayfly_audit_ingest_lag_seconds in %s", metrics).isTrue();
            return Double.parseDouble(count.group(1));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void ingestLagWhenACallIsProjectedThenCountedInTheHistogram() throws Exception {
        double before = projectedCalls();

        sts(root(Platform.get().issuer.accounts().create("fresh"))).getCallerIdentity();

        assertThat(eventually(Duration.ofSeconds(15), () -> projectedCalls() > before ? Boolean.TRUE : null)).isTrue();
    }
}
