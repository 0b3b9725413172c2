package dev.mayfly.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The admin API and /metrics are on the issuer's management listener only: its public port, which anyone who may call STS
 * reaches, answers 404 for them, even to the holder of the admin token.
 */
class ManagementPortTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> createAccountAt(URI listener) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(listener + "/mayfly/admin/accounts"))
                .header("Authorization", "Bearer " + IssuerFixture.adminToken())
                .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"management-port-test\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI listener, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(listener + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void adminCallWhenSentToThePublicPortWithTheAdminTokenThen404AndNoAccountCreated() throws Exception {
        HttpResponse<String> answer = createAccountAt(IssuerFixture.endpoint());

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).contains("\"__type\":\"UnknownOperationException\"").doesNotContain("AccountId");
    }

    @Test
    void adminCallWhenSentToTheManagementPortWithTheAdminTokenThenAnswered() throws Exception {
        HttpResponse<String> answer = createAccountAt(IssuerFixture.managementEndpoint());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"AccountId\"", "\"SecretAccessKey\"");
    }

    @Test
    void metricsWhenAskedOnThePublicPortThen404() throws Exception {
        HttpResponse<String> answer = get(IssuerFixture.endpoint(), "/metrics");

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).contains("\"__type\":\"UnknownOperationException\"").doesNotContain("jvm_");
    }

    @Test
    void metricsWhenAskedOnTheManagementPortThenPrometheusText() throws Exception {
        HttpResponse<String> answer = get(IssuerFixture.managementEndpoint(), "/metrics");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("mayfly_revocation_feed_age_seconds", "jvm_memory_used_bytes");
    }

    @Test
    void healthzWhenAskedOnEitherPortThen200() throws Exception {
        assertThat(get(IssuerFixture.endpoint(), "/healthz").statusCode()).isEqualTo(200);
        assertThat(get(IssuerFixture.managementEndpoint(), "/healthz").statusCode()).isEqualTo(200);
    }
}
