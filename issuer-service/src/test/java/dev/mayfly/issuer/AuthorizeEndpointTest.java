package dev.mayfly.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mayfly.contract.ServiceCredential;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** POST /mayfly/authorize answers Mayfly's services only, each presenting its own credential. */
class AuthorizeEndpointTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String INCOMPLETE = "{}";

    private static HttpResponse<String> ask(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(IssuerFixture.endpoint() + "/mayfly/authorize"))
                .POST(HttpRequest.BodyPublishers.ofString(INCOMPLETE));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void authorizeWhenTheCallerPresentsNoServiceCredentialThen403AndNothingDecided() throws Exception {
        for (String authorization : new String[] {null, "Bearer " + IssuerFixture.adminToken(), "MayflyService audit",
                "MayflyService audit:" + "0".repeat(64)}) {
            HttpResponse<String> answer = ask(authorization);

            assertThat(answer.statusCode()).as(String.valueOf(authorization)).isEqualTo(403);
            assertThat(answer.body()).contains("Only Mayfly's services").doesNotContain("InvalidRequest");
        }
    }

    @Test
    void authorizeWhenAServicePresentsAnotherServicesTokenThen403() throws Exception {
        ServiceCredential audit = IssuerFixture.issuer().serviceCredential("audit");

        assertThat(ask(new ServiceCredential("revocation", audit.token()).header()).statusCode()).isEqualTo(403);
    }

    @Test
    void authorizeWhenAServicePresentsItsOwnCredentialThenDecided() throws Exception {
        HttpResponse<String> answer = ask(IssuerFixture.issuer().serviceCredential("audit").header());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("InvalidRequest");
    }
}
