package dev.mayfly.runtime.authz;

import com.sun.net.httpserver.HttpExchange;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.HttpExchanges;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The client of the issuer's POST /mayfly/authorize, presenting its service's own credential. */
public final class RemoteAuthorizer {

    public static final String PATH = "/mayfly/authorize";
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI endpoint;
    private final ServiceCredential credential;

    public RemoteAuthorizer(String issuerUrl, ServiceCredential credential) {
        this.endpoint = URI.create(issuerUrl.replaceAll("/+$", "") + PATH);
        this.credential = credential;
    }

    /**
     * @return the issuer's answer
     * @throws AwsServiceException ServiceUnavailable when the issuer cannot be reached
     */
    public AuthorizationResult authorize(HttpExchange exchange, byte[] body, String service, String action, String resource) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach(headers::put);
        AuthorizationRequest request = new AuthorizationRequest(exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), headers,
                Base64.getEncoder().encodeToString(body), service, action, resource, HttpExchanges.sourceIp(exchange));
        try {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .header("Authorization", credential.header())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(request))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw unavailable();
            }
            return Json.mapper().readValue(response.body(), AuthorizationResult.class);
        } catch (IOException e) {
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
    }

    private static AwsServiceException unavailable() {
        return new AwsServiceException("ServiceUnavailable", "The credentials service is unavailable. Try again later.", 503);
    }
}
