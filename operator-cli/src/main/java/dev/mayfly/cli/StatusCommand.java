package dev.mayfly.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.ManagementListener;
import dev.mayfly.runtime.Settings;
import dev.mayfly.runtime.TlsTrust;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ./mayfly status: asks each service's management listener ({@link ManagementUrls}) for its health (GET /healthz) and
 * for its version and the ids of the keys it uses now (GET /about), and prints one block a service, or the same as JSON.
 * Exit status 0 when all three services are up, 1 otherwise, so that scripts can wait on it. While ./mayfly dev --issuers N
 * runs on this MAYFLY_HOME, each of its issuers is asked and shown ({@link ClusterMembers}).
 */
public final class StatusCommand {

    static final String USAGE = "Usage: ./mayfly status [--json]";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private StatusCommand() {
    }

    public static int run(String[] args, Settings settings, PrintStream out, PrintStream err) {
        boolean json = args.length == 1 && args[0].equals("--json");
        if (args.length > 1 || (args.length == 1 && !json)) {
            err.println(USAGE);
            return 2;
        }
        List<ServiceStatus> services = askAll(settings);
        if (json) {
            out.println(Json.mapper().valueToTree(services).toPrettyString());
        } else {
            services.forEach(service -> print(service, out));
        }
        return services.stream().allMatch(ServiceStatus::serving) ? 0 : 1;
    }

    /** What each service says about itself: its health, version and the ids of the keys it uses now. */
    static List<ServiceStatus> askAll(Settings settings) {
        HttpClient http = TlsTrust.from(settings).httpClient().connectTimeout(TIMEOUT).build();
        List<ServiceStatus> services = new ArrayList<>();
        List<ClusterMembers.Member> issuers = ClusterMembers.read(settings.home());
        if (issuers.isEmpty()) {
            services.add(ask(http, "issuer", ManagementUrls.issuer(settings)));
        } else {
            // ./mayfly dev --issuers N: every issuer behind the round-robin listener
            issuers.forEach(issuer -> services.add(ask(http, issuer.name(), issuer.management())));
        }
        services.add(ask(http, "audit", ManagementUrls.audit(settings)));
        services.add(ask(http, "revocation", ManagementUrls.revocation(settings)));
        return services;
    }

    /**
     * What one service said about itself.
     *
     * @param status    its health (UP, DEGRADED, STARTING), or UNREACHABLE when it did not answer
     * @param problem   why it is not UP, in a sentence; null when it is
     * @param keysInUse the current key id by the keys' purpose
     */
    record ServiceStatus(String service, URI management, String status, String version, Map<String, String> keysInUse,
                         String problem) {

        boolean serving() {
            return status.equals("UP") || status.equals("DEGRADED");
        }
    }

    private static ServiceStatus ask(HttpClient http, String service, URI management) {
        JsonNode health;
        try {
            health = get(http, management.resolve("/healthz"));
        } catch (IOException e) {
            return new ServiceStatus(service, management, "UNREACHABLE", null, Map.of(),
                    "nothing answers at " + management + " (" + describe(e) + "): is ./mayfly dev running?");
        }
        String status = health.path("status").asText("UNKNOWN");
        Map<String, String> details = new LinkedHashMap<>();
        health.properties().forEach(field -> {
            if (!field.getKey().equals("status") && !field.getKey().equals("service")) {
                details.put(field.getKey(), field.getValue().asText());
            }
        });
        String problem = status.equals("UP") ? null : String.join(", ", details.entrySet().stream()
                .map(detail -> detail.getKey() + "=" + detail.getValue()).toList());
        try {
            JsonNode about = get(http, management.resolve(ManagementListener.ABOUT_PATH));
            Map<String, String> keys = new LinkedHashMap<>();
            about.path("keysInUse").properties().forEach(key -> keys.put(key.getKey(), key.getValue().asText()));
            return new ServiceStatus(service, management, status, about.path("version").asText(null), keys, problem);
        } catch (IOException e) {
            // a service of a version before /about answers its health all the same
            return new ServiceStatus(service, management, status, null, Map.of(), problem);
        }
    }

    private static JsonNode get(HttpClient http, URI uri) throws IOException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 && response.statusCode() != 503) {
                throw new IOException("HTTP " + response.statusCode());
            }
            return Json.mapper().readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static void print(ServiceStatus service, PrintStream out) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-11s %-11s %-15s %s", service.service(), service.status(),
                service.version() == null ? "-" : service.version(), service.management()));
        if (service.problem() != null && !service.problem().isEmpty()) {
            lines.add(String.format("%-11s %s", "", service.problem()));
        }
        service.keysInUse().forEach((purpose, id) -> lines.add(String.format("%-11s key %-21s %s", "", purpose, id)));
        lines.forEach(out::println);
    }
}
