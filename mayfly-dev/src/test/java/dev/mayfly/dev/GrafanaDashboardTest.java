package dev.mayfly.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import dev.mayfly.contract.SessionKeyRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard in docs/grafana plots only what the services export: every metric its PromQL names is in some
 * service's /metrics, so that a renamed metric breaks this test rather than a panel nobody looks at until an incident.
 */
class GrafanaDashboardTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "mayfly-dashboard.json");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "group_left", "group_right", "inf", "nan");
    /** What in a PromQL expression is not a metric name: strings, label matchers, ranges, grouping clauses, variables. */
    private static final Pattern NOT_A_NAME = Pattern.compile(
            "\"[^\"]*\"|\\{[^}]*}|\\[[^]]*]|\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)|\\$\\w+");
    /** A name not followed by a parenthesis (a function) nor part of a number. */
    private static final Pattern NAME = Pattern.compile("(?<![\\w.])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");

    /** The metric names an expression reads. */
    static Set<String> metricNames(String promql) {
        Matcher names = NAME.matcher(NOT_A_NAME.matcher(promql).replaceAll(" "));
        Set<String> found = new TreeSet<>();
        while (names.find()) {
            if (!KEYWORDS.contains(names.group().toLowerCase())) {
                found.add(names.group());
            }
        }
        return found;
    }

    private static List<String> expressions(JsonNode dashboard) {
        List<String> expressions = new ArrayList<>();
        dashboard.findValues("targets").forEach(targets -> targets.forEach(target -> expressions.add(target.path("expr").asText())));
        return expressions;
    }

    private static String get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Every sample name the three services export now. */
    private static Set<String> exported() throws Exception {
        Set<String> names = new TreeSet<>();
        for (String management : Platform.get().managementUrls().values()) {
            get(URI.create(management + "/metrics")).lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0]).forEach(names::add);
        }
        return names;
    }

    private static Set<String> notExported(Set<String> plotted) throws Exception {
        Set<String> absent = new TreeSet<>(plotted);
        absent.removeAll(exported());
        return absent;
    }

    @Test
    void metricNamesWhenAnExpressionHasFunctionsLabelsAndGroupingThenOnlyItsMetrics() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (service, le) (rate(mayfly_api_requests_seconds_bucket{outcome!=\"OK\"}[$__rate_interval])))"
                + " / on (service) group_left max(jvm_threads_live_threads offset 5m) and 1e3"))
                .containsExactly("jvm_threads_live_threads", "mayfly_api_requests_seconds_bucket");
    }

    @Test
    void dashboardWhenEveryServiceHasBeenCalledThenEveryMetricItPlotsIsExported() throws Exception {
        JsonNode dashboard = Json.mapper().readTree(Files.readString(DASHBOARD));
        Set<String> plotted = expressions(dashboard).stream().flatMap(expr -> metricNames(expr).stream())
                .collect(Collectors.toCollection(TreeSet::new));
        // a call to each service, refused or not, and a verifier's question, make the series that exist once something happened
        Platform platform = Platform.get();
        for (URI service : List.of(platform.issuerUrl(), platform.auditUrl(), platform.revocationUrl())) {
            HTTP.send(HttpRequest.newBuilder(service.resolve("/rules")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        HTTP.send(HttpRequest.newBuilder(platform.issuerUrl().resolve(SessionKeyRequest.PATH)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        System.gc();

        assertThat(plotted).contains("mayfly_api_requests_seconds_bucket", "mayfly_revocation_feed_age_seconds",
                "mayfly_audit_records_written_total", "jvm_memory_used_bytes");
        // the GC's pause timer and the calls' series appear once their notifications and records are in
        Set<String> missing = notExported(plotted);
        for (Instant deadline = Instant.now().plusSeconds(15); !missing.isEmpty() && Instant.now().isBefore(deadline); ) {
            Thread.sleep(200);
            missing = notExported(plotted);
        }
        assertThat(missing).as("metrics the dashboard plots that no service exports").isEmpty();
    }
}
