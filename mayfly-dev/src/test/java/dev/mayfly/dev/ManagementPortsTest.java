package dev.mayfly.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every service serves /metrics on its management listener only; /healthz on both its ports, for load balancers. */
class ManagementPortsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(URI listener, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(listener.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Each service's public URL, and its management listener's. */
    private static Map<URI, URI> listeners() {
        Platform platform = Platform.get();
        Map<String, String> management = platform.managementUrls();
        return Map.of(platform.issuerUrl(), URI.create(management.get("MAYFLY_ISSUER_MANAGEMENT_URL")),
                platform.auditUrl(), URI.create(management.get("MAYFLY_AUDIT_MANAGEMENT_URL")),
                platform.revocationUrl(), URI.create(management.get("MAYFLY_REVOCATION_MANAGEMENT_URL")));
    }

    @Test
    void metricsWhenAskedOnAServicesPublicPortThen404AndOnItsManagementPortPrometheusText() throws Exception {
        for (Map.Entry<URI, URI> service : listeners().entrySet()) {
            HttpResponse<String> onPublic = get(service.getKey(), "/metrics");
            HttpResponse<String> onManagement = get(service.getValue(), "/metrics");

            assertThat(onPublic.statusCode()).as("%s/metrics", service.getKey()).isEqualTo(404);
            assertThat(onPublic.body()).as("%s/metrics", service.getKey()).contains("UnknownOperationException").doesNotContain("jvm_");
            assertThat(onManagement.statusCode()).as("%s/metrics", service.getValue()).isEqualTo(200);
            assertThat(onManagement.body()).as("%s/metrics", service.getValue()).contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void healthzWhenAskedOnEitherPortOfAServiceThenAnswered() throws Exception {
        for (Map.Entry<URI, URI> service : listeners().entrySet()) {
            assertThat(get(service.getKey(), "/healthz").statusCode()).as("%s/healthz", service.getKey()).isIn(200, 503);
            assertThat(get(service.getValue(), "/healthz").statusCode()).as("%s/healthz", service.getValue()).isIn(200, 503);
        }
    }
}
