package dev.mayfly.runtime.authz;

import dev.mayfly.contract.ServiceCredential;
import com.sun.net.httpserver.HttpExchange;
import dev.mayfly.contract.Json;
import dev.mayfly.runtime.AwsServiceException;
import dev.mayfly.runtime.HttpExchanges;
import dev.mayfly.runtime.TlsTrust;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client of the issuer's POST /mayfly/authorize, presenting its service's own credential; given several issuers
 * (MAYFLY_ISSUER_URL, comma-separated), it asks the next when one cannot be reached ({@link FailoverEndpoints}). Over https://, the
 * issuer's certificate is verified against {@link TlsTrust}; a certificate that does not verify is an unreachable issuer
 * (503), never a connection made anyway.
 */
public final class RemoteAuthorizer {

    public static final String PATH = "/mayfly/authorize";
    private static final Logger LOG = LoggerFactory.getLogger(RemoteAuthorizer.class);
    private final HttpClient client;
    private final FailoverEndpoints endpoints;
    private final ServiceCredential credential;

    /**
     * @param issuerUrl  http:// or https://, or several separated by commas: the issuers, tried in turn
     * @param credential this service's own credential
     * @param trust      the certificates an https:// issuer's may chain to
     */
    public RemoteAuthorizer(String issuerUrl, ServiceCredential credential, TlsTrust trust) {
        this.endpoints = FailoverEndpoints.of(issuerUrl, PATH);
        this.credential = credential;
        this.client = trust.httpClient().connectTimeout(Duration.ofSeconds(2)).build();
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
                Base64.getEncoder().encodeToString(body), service, action, resource, HttpExchanges.sourceIp(exchange),
                HttpExchanges.secureTransport(exchange));
        try {
            byte[] json = Json.mapper().writeValueAsBytes(request);
            // asking again is safe: authorizing changes nothing at the issuer
            HttpResponse<byte[]> response = endpoints.call(endpoint -> client.send(HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .header("Authorization", credential.header())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
            if (response.statusCode() != 200) {
                throw unavailable();
            }
            return Json.mapper().readValue(response.body(), AuthorizationResult.class);
        } catch (SSLException e) {
            // the caller sees only 503; the operator needs to know it is the certificate (MAYFLY_TLS_TRUSTSTORE), not the network
            LOG.warn("an issuer of {} was not trusted: {}", endpoints, e.getMessage());
            throw unavailable();
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
