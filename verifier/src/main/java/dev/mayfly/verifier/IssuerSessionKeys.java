package dev.mayfly.verifier;

import dev.mayfly.contract.Json;
import dev.mayfly.contract.SessionKeyRequest;
import dev.mayfly.contract.SessionKeyResponse;
import dev.mayfly.token.SessionKeyGrants.SessionKeyGrant;
import dev.mayfly.token.TokenException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks the issuer's POST /mayfly/session-key, presenting the verifier's own credential. */
public final class IssuerSessionKeys implements SessionKeySource {

    private static final Logger LOG = LoggerFactory.getLogger(IssuerSessionKeys.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private final HttpClient client;
    private final URI endpoint;
    private final String authorization;

    public IssuerSessionKeys(IssuerConnection connection) {
        this.endpoint = URI.create(connection.issuerUrl().toString().replaceAll("/+$", "") + SessionKeyRequest.PATH);
        this.authorization = connection.credential().header();
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        if (connection.tls() != null) {
            builder.sslContext(connection.tls());
        }
        this.client = builder.build();
    }

    @Override
    public SessionKeyGrant fetch(String sessionToken, String date, String region) {
        HttpResponse<byte[]> response;
        try {
            response = client.send(HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Authorization", authorization)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(
                            new SessionKeyRequest(sessionToken, date, region)))).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (SSLException e) {
            LOG.warn("the issuer at {} was not trusted: {}", endpoint, e.getMessage());
            throw new IssuerUnavailableException("the issuer's certificate was not trusted");
        } catch (IOException e) {
            throw new IssuerUnavailableException("the issuer could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IssuerUnavailableException("interrupted while asking the issuer");
        }
        SessionKeyResponse answer = readable(response);
        if (response.statusCode() == 200 && answer.signedClaims() != null && answer.signingKey() != null) {
            return new SessionKeyGrant(answer.signedClaims(), Base64.getDecoder().decode(answer.signingKey()));
        }
        if (response.statusCode() == 401) {
            // the verifier's own credential was refused: every session would be, so it is the operator's to fix
            LOG.error("the issuer at {} refused this verifier's credential: write it again with ./mayfly service-credential", endpoint);
            throw new IssuerUnavailableException("the issuer refused this verifier's own credential");
        }
        if (response.statusCode() == 403) {
            throw new TokenException(answer.message() == null ? "The security token included in the request is invalid." : answer.message());
        }
        throw new IssuerUnavailableException("the issuer answered " + response.statusCode());
    }

    private static SessionKeyResponse readable(HttpResponse<byte[]> response) {
        try {
            return Json.mapper().readValue(response.body(), SessionKeyResponse.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IssuerUnavailableException("the issuer's answer was not readable (status " + response.statusCode() + ")");
        }
    }
}
