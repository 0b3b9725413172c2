package dev.mayfly.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The operator's admin token is what its file holds now: rotated by writing the file, with no restart. */
class AdminTokenTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> createAccountWith(String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(IssuerFixture.managementEndpoint() + "/mayfly/admin/accounts"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"admin-token-test\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void adminCallWhenTheTokenFileWasRotatedThenTheNewTokenIsAdmittedAndTheOldOneRefused() throws Exception {
        String before = IssuerFixture.adminToken();
        assertThat(createAccountWith(before).statusCode()).isEqualTo(200);

        AdminTokenFile.rotate(IssuerFixture.adminTokenFile());
        String after = IssuerFixture.adminToken();

        assertThat(after).isNotEqualTo(before).hasSize(64);
        HttpResponse<String> old = createAccountWith(before);
        assertThat(old.statusCode()).isEqualTo(403);
        assertThat(old.body()).contains("AccessDenied").doesNotContain(after);
        assertThat(createAccountWith(after).statusCode()).isEqualTo(200);
    }

    @Test
    void adminCallWhenTheTokenFileIsGoneThenNobodyIsAdmittedUntilANewTokenIsWritten() throws Exception {
        String token = IssuerFixture.adminToken();
        Files.delete(IssuerFixture.adminTokenFile());
        try {
            assertThat(createAccountWith(token).statusCode()).isEqualTo(403);
        } finally {
            AdminTokenFile.rotate(IssuerFixture.adminTokenFile());
        }
        assertThat(createAccountWith(IssuerFixture.adminToken()).statusCode()).isEqualTo(200);
    }
}
