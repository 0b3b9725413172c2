package dev.mayfly.dev;

import static dev.mayfly.dev.Tenants.root;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mayfly.contract.Json;
import dev.mayfly.issuer.admin.AdminEndpoint;
import dev.mayfly.issuer.admin.AccountProvisioner.NewAccount;
import dev.mayfly.issuer.workload.WorkloadCredentialsEndpoint;
import dev.mayfly.issuer.workload.WorkloadsEndpoint;
import dev.mayfly.revocation.web.RulesEndpoint;
import dev.mayfly.runtime.rest.RestRoutes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The service models (service-models/NAME/VERSION/service-2.json, botocore's format: what {@code aws configure add-model}
 * takes) and OpenAPI documents (service-models/openapi) describe exactly what the services serve: every operation in a
 * model is served at its method and path (or X-Amz-Target), and every served operation is in a model.
 */
class ServiceModelsTest {

    private static final Path MODELS = Path.of("..", "service-models");
    /** CloudTrail's own operations the audit service serves: AWS's CloudTrail model describes them, not Mayfly's. */
    private static final Set<String> CLOUDTRAIL_OPERATIONS = Set.of("LookupEvents", "ListPublicKeys");

    private final Platform platform = Platform.get();

    @Test
    void auditModelWhenComparedWithServedTargetsThenTheSame() throws IOException {
        JsonNode model = model("mayfly-audit");
        String prefix = model.path("metadata").path("targetPrefix").asText() + ".";
        Set<String> described = names(model.path("operations")).stream().map(name -> prefix + name).collect(Collectors.toSet());
        Set<String> served = new HashSet<>(platform.audit.targets());
        served.removeIf(target -> target.startsWith("CloudTrail_20131101.")
                && CLOUDTRAIL_OPERATIONS.contains(target.substring("CloudTrail_20131101.".length())));

        assertThat(described).isEqualTo(served);
        assertThat(model.path("metadata").path("signingName").asText()).isEqualTo("cloudtrail");
        assertThat(model.path("metadata").path("protocol").asText()).isEqualTo("json");
    }

    @Test
    void restModelsWhenComparedWithRoutesThenTheSame() throws IOException {
        assertThat(modelRoutes(model("mayfly-revocation"))).isEqualTo(routes(RulesEndpoint.ROUTES));
        assertThat(modelRoutes(model("mayfly-workloads"))).isEqualTo(routes(WorkloadsEndpoint.ROUTES));
        assertThat(model("mayfly-revocation").path("metadata").path("signingName").asText()).isEqualTo("revocation");
        assertThat(model("mayfly-workloads").path("metadata").path("signingName").asText()).isEqualTo("workloads");
    }

    @Test
    void openApiDocumentsWhenComparedWithRoutesThenTheSame() throws IOException {
        assertThat(openApiRoutes("revocation-rules")).isEqualTo(routes(RulesEndpoint.ROUTES));
        assertThat(openApiRoutes("workloads")).isEqualTo(routes(WorkloadsEndpoint.ROUTES));
        assertThat(openApiRoutes("admin")).isEqualTo(routes(AdminEndpoint.ROUTES));
        assertThat(openApiRoutes("workload-credentials")).isEqualTo(routes(WorkloadCredentialsEndpoint.ROUTES));
    }

    @Test
    void modelOperationsWhenCalledThenEachIsServed() throws Exception {
        NewAccount account = platform.issuer.accounts().create("service-models");
        JsonNode audit = model("mayfly-audit");
        SignedJsonClient cloudTrail = new SignedJsonClient(root(account), "cloudtrail");
        for (String operation : names(audit.path("operations"))) {
            String target = audit.path("metadata").path("targetPrefix").asText() + "." + operation;
            assertServed(operation, cloudTrail.target(platform.auditUrl(), target, "{}"));
        }
        callEachRoute(model("mayfly-revocation"), new SignedJsonClient(root(account), "revocation"), platform.revocationUrl());
        callEachRoute(model("mayfly-workloads"), new SignedJsonClient(root(account), "workloads"), platform.issuerUrl());
    }

    @Test
    void restEndpointsWhenNoOperationAtMethodAndPathThenUnknownOperationNeverServerError() throws Exception {
        NewAccount account = platform.issuer.accounts().create("no-such-route");
        SignedJsonClient rules = new SignedJsonClient(root(account), "revocation");
        SignedJsonClient workloads = new SignedJsonClient(root(account), "workloads");
        List<HttpResponse<String>> answers = List.of(
                rules.send("PUT", URI.create(platform.revocationUrl() + "/rules"), "{}"),
                rules.send("DELETE", URI.create(platform.revocationUrl() + "/rules/a/b"), null),
                rules.send("GET", URI.create(platform.revocationUrl() + "/rules/"), null),
                rules.send("POST", URI.create(platform.revocationUrl() + "/rules%2Fx"), "{}"),
                workloads.send("PATCH", URI.create(platform.issuerUrl() + "/mayfly/workloads/batch"), "{}"),
                workloads.send("POST", URI.create(platform.issuerUrl() + "/mayfly/workloads/batch/tokens"), null),
                workloads.send("GET", URI.create(platform.issuerUrl() + "/mayfly/workloads/a/b/c"), null));

        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.uri() + ": " + answer.body()).isEqualTo(404);
            assertThat(Json.mapper().readTree(answer.body()).path("__type").asText()).isEqualTo("UnknownOperationException");
        }
        HttpResponse<String> credentials = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        URI.create(platform.issuerUrl() + "/mayfly/workload-credentials/wl-a/b")).header("Authorization", "mfwt_x").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(credentials.statusCode()).as(credentials.body()).isEqualTo(403);
        assertThat(credentials.body()).contains("InvalidToken");
    }

    /** Each operation at its method and path, its labels filled with a name no resource has. */
    private static void callEachRoute(JsonNode model, SignedJsonClient client, URI service) throws Exception {
        for (Iterator<Map.Entry<String, JsonNode>> it = model.path("operations").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> operation = it.next();
            JsonNode http = operation.getValue().path("http");
            String path = http.path("requestUri").asText().replaceAll("\\{[^}]+}", "no-such-thing");
            String body = http.path("method").asText().equals("POST") ? "{}" : null;
            assertServed(operation.getKey(), client.send(http.path("method").asText(), URI.create(service + path), body));
        }
    }

    private static void assertServed(String operation, HttpResponse<String> response) throws IOException {
        String code = response.body().isEmpty() ? "" : Json.mapper().readTree(response.body()).path("__type").asText();
        assertThat(code).as(operation + ": " + response.body()).isNotIn("UnknownOperationException", "UnknownOperation");
        assertThat(response.statusCode()).as(operation + ": " + response.body()).isLessThan(500);
    }

    private static JsonNode model(String service) throws IOException {
        try (var versions = Files.list(MODELS.resolve(service))) {
            List<Path> found = versions.toList();
            assertThat(found).as("one version of " + service).hasSize(1);
            return Json.mapper().readTree(found.getFirst().resolve("service-2.json").toFile());
        }
    }

    private static Set<String> modelRoutes(JsonNode model) {
        Set<String> routes = new HashSet<>();
        model.path("operations").fields().forEachRemaining(operation -> {
            JsonNode http = operation.getValue().path("http");
            assertThat(operation.getValue().path("name").asText()).isEqualTo(operation.getKey());
            routes.add(http.path("method").asText() + " " + http.path("requestUri").asText() + " " + operation.getKey());
        });
        return routes;
    }

    private static Set<String> openApiRoutes(String api) throws IOException {
        JsonNode document = Json.mapper().readTree(MODELS.resolve("openapi").resolve(api + ".json").toFile());
        assertThat(document.path("openapi").asText()).startsWith("3.");
        Set<String> routes = new HashSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method ->
                routes.add(method.getKey().toUpperCase() + " " + path.getKey() + " " + method.getValue().path("operationId").asText())));
        return routes;
    }

    private static Set<String> routes(RestRoutes routes) {
        return routes.routes().stream().map(route -> route.method() + " " + route.template() + " " + route.operation())
                .collect(Collectors.toSet());
    }

    private static Set<String> names(JsonNode operations) {
        Set<String> names = new HashSet<>();
        operations.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
